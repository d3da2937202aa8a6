using System.Net;
using Microsoft.Extensions.Time.Testing;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpLimitLogTests
{
    [Fact]
    public void Refused_ManyWithinAMinute_ReportedOncePerClientWithTheCount()
    {
        var time = new FakeTimeProvider();
        var log = new SmtpLimitLog(time);
        var flood = IPAddress.Parse("192.0.2.1");
        var other = IPAddress.Parse("192.0.2.2");

        Assert.Equal(1, log.Refused(flood));
        Assert.Equal(1000, Enumerable.Range(0, 1000).Count(_ => log.Refused(flood) is null));
        Assert.Equal(1, log.Refused(other));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(log.Refused(flood));
        time.Advance(TimeSpan.FromSeconds(1));

        // The next report carries the refusals it stood for.
        Assert.Equal(1002, log.Refused(flood));
    }
}
