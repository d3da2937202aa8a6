using System.Buffers;
using System.IO.Pipelines;

namespace SorryEdge.Smtp;

/// <summary>
/// One SMTP session's answers, driven by <see cref="SmtpDialogueRunner"/>: the temp-fail
/// responder's (a pure state machine) or the shared listener's (which relays to backend MXs).
/// </summary>
internal interface ISmtpDialogue : IAsyncDisposable
{
    /// <summary>The <c>site</c> label for limit metrics and logs.</summary>
    string SiteLabel { get; }

    SmtpReply Start();

    ValueTask<SmtpReply> HandleAsync(SmtpCommand command, ReadOnlySequence<byte> line, CancellationToken cancellationToken);

    SmtpReply LineTooLong();

    SmtpReply IdleTimeout();

    SmtpReply ShuttingDown();

    void TlsStarted();

    /// <summary>After a reply with <see cref="SmtpReply.Data"/>: takes the message content up to the end-of-data line and returns the final reply.</summary>
    Task<SmtpReply> ReceiveDataAsync(PipeReader input, CancellationToken cancellationToken);
}
