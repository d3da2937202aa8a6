using SorryEdge.Sites;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpHostPortTests
{
    [Theory]
    [InlineData("mx.example.test:25", "mx.example.test", 25)]
    [InlineData("127.0.0.1:2525", "127.0.0.1", 2525)]
    [InlineData("[2001:db8::1]:25", "2001:db8::1", 25)]
    public void TryParse_Valid_GivesHostAndPort(string text, string host, int port)
    {
        Assert.True(SmtpHostPort.TryParse(text, out var parsed));
        Assert.Equal(new SmtpHostPort(host, port), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mx.example.test")]
    [InlineData("mx:0")]
    [InlineData("mx:70000")]
    [InlineData("2001:db8::1:25")]
    [InlineData(":25")]
    [InlineData("m x:25")]
    public void TryParse_Invalid_Fails(string? text)
    {
        Assert.False(SmtpHostPort.TryParse(text, out _));
    }
}
