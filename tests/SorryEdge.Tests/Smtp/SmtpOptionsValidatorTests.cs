using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new SmtpOptionsValidator().Validate(null, new SmtpOptions()).Succeeded);
    }

    [Theory]
    [InlineData("MaxCommandLineLength")]
    [InlineData("MaxErrors")]
    [InlineData("IdleTimeout")]
    [InlineData("MaxConnectionsPerAddress")]
    [InlineData("Hostname")]
    [InlineData("DefaultMessage")]
    [InlineData("Shared")]
    [InlineData("ShutdownGrace")]
    [InlineData("BackendTimeout")]
    [InlineData("PassthroughIdleTimeout")]
    public void Validate_BadValue_FailsNamingTheKey(string key)
    {
        var options = new SmtpOptions();
        switch (key)
        {
            case "MaxCommandLineLength": options.MaxCommandLineLength = 100; break;
            case "MaxErrors": options.MaxErrors = 0; break;
            case "IdleTimeout": options.IdleTimeout = TimeSpan.Zero; break;
            case "MaxConnectionsPerAddress": options.MaxConnectionsPerAddress = 0; break;
            case "Hostname": options.Hostname = "bad host"; break;
            case "Shared": options.Shared = ["127.0.0.1:25", "mx.test:25"]; break;
            case "ShutdownGrace": options.ShutdownGrace = TimeSpan.FromSeconds(-1); break;
            case "BackendTimeout": options.BackendTimeout = TimeSpan.Zero; break;
            case "PassthroughIdleTimeout": options.PassthroughIdleTimeout = TimeSpan.Zero; break;
            default: options.DefaultMessage = "two\r\nlines"; break;
        }

        var result = new SmtpOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Edge:Smtp:{key}", result.FailureMessage);
    }
}
