using System.Net;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpConnectionLimiterTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.2");

    [Fact]
    public void TryAcquire_OverPerAddressLimit_RefusesThatAddressOnly()
    {
        var limiter = new SmtpConnectionLimiter();
        var leases = new[] { limiter.TryAcquire(A, 2, 10, out _), limiter.TryAcquire(A, 2, 10, out _) };

        var third = limiter.TryAcquire(A, 2, 10, out var global);
        var other = limiter.TryAcquire(B, 2, 10, out _);

        Assert.All(leases, Assert.NotNull);
        Assert.Null(third);
        Assert.False(global);
        Assert.NotNull(other);
    }

    [Fact]
    public void TryAcquire_MappedIpv4_CountsAsSameClient()
    {
        var limiter = new SmtpConnectionLimiter();
        limiter.TryAcquire(A, 1, 10, out _);

        Assert.Null(limiter.TryAcquire(A.MapToIPv6(), 1, 10, out _));
    }

    [Fact]
    public void TryAcquire_OverGlobalLimit_RefusesWithGlobalFlag()
    {
        var limiter = new SmtpConnectionLimiter();
        limiter.TryAcquire(A, 5, 2, out _);
        limiter.TryAcquire(B, 5, 2, out _);

        Assert.Null(limiter.TryAcquire(IPAddress.Loopback, 5, 2, out var global));
        Assert.True(global);
    }

    [Fact]
    public void Dispose_Lease_FreesTheSlotOnce()
    {
        var limiter = new SmtpConnectionLimiter();
        var lease = limiter.TryAcquire(A, 1, 10, out _)!;

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(0, limiter.Total);
        Assert.NotNull(limiter.TryAcquire(A, 1, 10, out _));
        Assert.Equal(1, limiter.Total);
    }
}
