using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpRecipientTests
{
    [Theory]
    [InlineData("TO:<user@Example.COM>", "user@Example.COM", "example.com")]
    [InlineData("to:<user@example.com> NOTIFY=NEVER", "user@example.com", "example.com")]
    [InlineData("TO: <user@example.com.>", "user@example.com.", "example.com")]
    [InlineData("TO:<@relay.test,@r2.test:user@example.com>", "user@example.com", "example.com")]
    [InlineData("TO:<\"odd@local\"@example.com>", "\"odd@local\"@example.com", "example.com")]
    [InlineData("TO:user@example.com", "user@example.com", "example.com")]
    public void TryParse_Recipient_TakesDomain(string argument, string address, string domain)
    {
        Assert.True(SmtpRecipient.TryParse(argument, out var a, out var d));
        Assert.Equal(address, a);
        Assert.Equal(domain, d);
    }

    [Theory]
    [InlineData("TO:<postmaster>")]
    [InlineData("TO:<user@>")]
    [InlineData("TO:<user@example.com")]
    [InlineData("FROM:<user@example.com>")]
    [InlineData("")]
    public void TryParse_NoDomain_False(string argument) => Assert.False(SmtpRecipient.TryParse(argument, out _, out _));
}
