using StatusSite.Auth;

namespace StatusSite.Tests.Auth;

public sealed class StatusAdminOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new StatusAdminOptionsValidator().Validate(null, new StatusAdminOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_MessagesNameTheKeys()
    {
        var options = new StatusAdminOptions { BootstrapToken = "short", InitialUser = "admin", LoginAttemptsPerMinute = 0 };

        var result = new StatusAdminOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Status:Admin:BootstrapToken", result.FailureMessage);
        Assert.Contains("Status:Admin:InitialPassword", result.FailureMessage);
        Assert.Contains("Status:Admin:LoginAttemptsPerMinute", result.FailureMessage);
    }
}
