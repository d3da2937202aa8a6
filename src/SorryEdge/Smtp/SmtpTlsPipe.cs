using System.IO.Pipelines;
using System.Net.Security;

namespace SorryEdge.Smtp;

/// <summary>The connection's transport after STARTTLS: pipes over the <see cref="SslStream"/>, which runs over the plain pipes.</summary>
internal sealed class SmtpTlsPipe(SslStream stream) : IDuplexPipe, IAsyncDisposable
{
    public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));

    public SslStream Stream => stream;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Output.CompleteAsync();
            await Input.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer is gone; nothing left to flush.
        }

        await stream.DisposeAsync();
    }
}
