using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Http;

namespace SorryEdge.Admin;

/// <summary>
/// Throttles guessing: failed bearer tokens and portal logins are counted per client address in
/// a fixed one-minute window (System.Threading.RateLimiting, the limiter behind ASP.NET Core's
/// rate limiting); once a client used up <c>Edge:Admin:FailedAuthPerMinute</c>, its next attempts
/// are answered 429 with Retry-After until the window ends. Only failures count, so clients
/// using valid tokens are never slowed, and each throttled client is logged once a minute.
/// </summary>
internal sealed partial class GuessThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<IPAddress> _failures;
    private readonly ConcurrentDictionary<IPAddress, DateTimeOffset> _logged = new();
    private readonly TimeProvider _time;
    private readonly ILogger<GuessThrottle> _logger;

    public GuessThrottle(IOptions<EdgeOptions> options, TimeProvider time, ILogger<GuessThrottle> logger)
    {
        var limit = options.Value.Admin.FailedAuthPerMinute;
        _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
        _time = time;
        _logger = logger;
    }

    /// <summary>Null while the client may try; otherwise the 429 to answer (with Retry-After set on the response).</summary>
    public IResult? Refusal(HttpContext context)
    {
        var address = Address(context);
        using var probe = _failures.AttemptAcquire(address, 0);
        if (probe.IsAcquired)
        {
            return null;
        }

        var retry = probe.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        if (!_logged.TryGetValue(address, out var last) || now - last >= Window)
        {
            _logged[address] = now;
            LogThrottled(address.ToString());
            if (_logged.Count > 10000)
            {
                // A spray of addresses must not grow this table without bound.
                foreach (var (key, at) in _logged)
                {
                    if (now - at >= Window)
                    {
                        _logged.TryRemove(key, out _);
                    }
                }
            }
        }

        return ProblemResults.Problem(StatusCodes.Status429TooManyRequests, "Too many failed attempts from this address",
            $"Try again in {seconds} s.");
    }

    /// <summary>Counts a failed token or login of the client.</summary>
    public void Failed(HttpContext context) => _failures.AttemptAcquire(Address(context), 1).Dispose();

    private static IPAddress Address(HttpContext context) => context.Connection.RemoteIpAddress ?? IPAddress.None;

    public void Dispose() => _failures.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Address} is throttled: too many failed tokens or logins (logged once a minute)")]
    private partial void LogThrottled(string address);
}
