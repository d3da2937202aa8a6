using StatusSite.Subscribers;

namespace StatusSite.Tests.Subscribers;

public sealed class StatusNotificationOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new StatusNotificationOptionsValidator().Validate(null, new StatusNotificationOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_MessagesNameTheKeys()
    {
        var options = new StatusNotificationOptions { LinkKey = "short", SubscribePerMinute = 0, WebhookMaxRetrySeconds = 0, StaffAddresses = ["not-an-address"] };

        var result = new StatusNotificationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Status:Notifications:LinkKey", result.FailureMessage);
        Assert.Contains("Status:Notifications:SubscribePerMinute", result.FailureMessage);
        Assert.Contains("Status:Notifications:WebhookMaxRetrySeconds", result.FailureMessage);
        Assert.Contains("Status:Notifications:StaffAddresses:0", result.FailureMessage);
    }
}
