using StatusSite.Public;

namespace StatusSite.Tests.Public;

public sealed class StatusPageOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new StatusPageOptionsValidator().Validate(null, new StatusPageOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_MessagesNameTheKeys()
    {
        var options = new StatusPageOptions { Url = "not a url", TimeZone = "Mars/Olympus", MaxAgeSeconds = 7200 };

        var result = new StatusPageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Status:Page:Url", result.FailureMessage);
        Assert.Contains("Status:Page:TimeZone", result.FailureMessage);
        Assert.Contains("Status:Page:MaxAgeSeconds", result.FailureMessage);
    }
}
