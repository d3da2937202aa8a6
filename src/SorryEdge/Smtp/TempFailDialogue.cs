using System.Buffers;
using System.IO.Pipelines;

namespace SorryEdge.Smtp;

/// <summary>The temp-fail responder's session as a dialogue: every answer comes from the pure <see cref="TempFailSession"/>.</summary>
internal sealed class TempFailDialogue(TempFailSession session, string siteId) : ISmtpDialogue
{
    public string SiteLabel => siteId;

    public SmtpReply Start() => session.Start();

    public ValueTask<SmtpReply> HandleAsync(SmtpCommand command, ReadOnlySequence<byte> line, CancellationToken cancellationToken) =>
        ValueTask.FromResult(session.Handle(command));

    public SmtpReply LineTooLong() => session.LineTooLong();

    public SmtpReply IdleTimeout() => session.IdleTimeout();

    public SmtpReply ShuttingDown() => session.ShuttingDown();

    public void TlsStarted() => session.TlsStarted();

    // Every recipient is deferred, so DATA never gets 354 and no content is ever read here.
    public Task<SmtpReply> ReceiveDataAsync(PipeReader input, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The temp-fail responder never accepts message content.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
