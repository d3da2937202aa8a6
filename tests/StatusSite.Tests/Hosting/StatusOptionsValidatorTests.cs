using StatusSite.Hosting;

namespace StatusSite.Tests.Hosting;

public sealed class StatusOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new StatusOptionsValidator().Validate(null, new StatusOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_MessagesNameTheKeys()
    {
        var options = new StatusOptions { DataDirectory = " ", Listen = new StatusListenOptions { Http = "ftp://x" } };

        var result = new StatusOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Status:DataDirectory", result.FailureMessage);
        Assert.Contains("Status:Listen:Http", result.FailureMessage);
    }

    [Fact]
    public async Task Start_BadSectionOfAFeature_StopsWithTheKey()
    {
        var dir = Path.Combine(Path.GetTempPath(), "statussite-tests-" + Guid.NewGuid().ToString("N"));
        await using var app = StatusSiteApp.Build([$"--Status:DataDirectory={dir}", "--Status:Listen:Http=http://127.0.0.1:0", "--Status:Page:MaxAgeSeconds=-1"]);
        try
        {
            var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("Status:Page:MaxAgeSeconds", error.Message);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
