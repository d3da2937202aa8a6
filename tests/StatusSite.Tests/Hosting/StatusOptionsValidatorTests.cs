using StatusSite.Auth;
using StatusSite.Hosting;
using StatusSite.Ingest;


namespace StatusSite.Tests.Hosting;

public sealed class StatusOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new StatusOptionsValidator().Validate(null, new StatusOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_MessagesNameTheKeys()
    {
        var options = new StatusOptions
        {
            Listen = new StatusListenOptions { Http = "ftp://x" },
            Admin = new StatusAdminOptions { BootstrapToken = "short", InitialUser = "admin" },
            Ingest = new StatusIngestOptions { Tokens = ["tiny"] },
        };

        var result = new StatusOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Status:Listen:Http", result.FailureMessage);
        Assert.Contains("Status:Admin:BootstrapToken", result.FailureMessage);
        Assert.Contains("Status:Admin:InitialPassword", result.FailureMessage);
        Assert.Contains("Status:Ingest:Tokens:0", result.FailureMessage);
    }
}
