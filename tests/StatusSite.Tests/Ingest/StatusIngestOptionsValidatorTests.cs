using StatusSite.Ingest;

namespace StatusSite.Tests.Ingest;

public sealed class StatusIngestOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new StatusIngestOptionsValidator().Validate(null, new StatusIngestOptions()).Succeeded);

    [Fact]
    public void Validate_ShortToken_MessageNamesTheKey()
    {
        var result = new StatusIngestOptionsValidator().Validate(null, new StatusIngestOptions { Tokens = ["ingest-token-abcdefghijklmnop", "tiny"] });

        Assert.True(result.Failed);
        Assert.Contains("Status:Ingest:Tokens:1", result.FailureMessage);
        Assert.DoesNotContain("Status:Ingest:Tokens:0", result.FailureMessage);
    }
}
