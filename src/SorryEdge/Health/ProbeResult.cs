using System.Net.Sockets;

namespace SorryEdge.Health;

/// <summary>The last check of a destination, as shown in the site's state.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Success">Whether it counted as good.</param>
/// <param name="Detail">Status code or error, in words.</param>
/// <param name="Source"><c>probe</c> for active checks, <c>request</c> for a failed forwarded request.</param>
internal sealed record ProbeResult(DateTimeOffset At, bool Success, string Detail, string Source)
{
    /// <summary>Why a probe or a forwarded request got no answer, in words (<c>connection refused</c>, <c>timed out</c>).</summary>
    public static string Describe(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return "connection " + socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "refused",
                    SocketError.ConnectionReset => "reset",
                    SocketError.TimedOut => "timed out",
                    _ => "failed: " + socket.SocketErrorCode,
                };
            }

            if (e is TimeoutException or TaskCanceledException or OperationCanceledException)
            {
                return "timed out";
            }
        }

        return exception?.GetBaseException().Message ?? "no response";
    }
}
