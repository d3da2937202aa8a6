using SorryEdge.Sites;

namespace SorryEdge.Tests.Unit;

public sealed class SiteValidatorTests
{
    private static Site Valid() => new()
    {
        Id = "shop",
        Hostnames = ["shop.test", "*.shop.test"],
        Backends = [new SiteBackend { Url = "http://10.0.0.1:8080" }],
    };

    [Fact]
    public void Validate_GoodSite_NoErrors() => Assert.Empty(SiteValidator.Validate(Valid()));

    [Theory]
    [InlineData("Shop")]
    [InlineData("-shop")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Validate_BadId_Error(string id) => Assert.Contains("id", SiteValidator.Validate(Valid() with { Id = id }).Keys);

    [Theory]
    [InlineData("exa mple.test")]
    [InlineData("-bad.test")]
    [InlineData("a..b")]
    [InlineData("*")]
    [InlineData("x.*.test")]
    public void Validate_BadHostname_ErrorNamesIndex(string host) =>
        Assert.Contains("hostnames[0]", SiteValidator.Validate(Valid() with { Hostnames = [host] }).Keys);

    [Fact]
    public void Validate_DuplicateHostnames_Error() =>
        Assert.Contains("hostnames", SiteValidator.Validate(Valid() with { Hostnames = ["a.test", "A.test"] }).Keys);

    [Fact]
    public void Validate_RedirectModeWithoutSettings_Error() =>
        Assert.Contains("redirect", SiteValidator.Validate(Valid() with { Mode = SiteMode.Redirect }).Keys);

    [Theory]
    [InlineData(301)]
    [InlineData(308)]
    [InlineData(200)]
    public void Validate_RedirectStatusOtherThan302Or307_Error(int status) =>
        Assert.Contains("redirect.status", SiteValidator.Validate(Valid() with { Redirect = new RedirectSettings { Url = "https://x.test/", Status = status } }).Keys);

    [Fact]
    public void Validate_BadCidr_Error() =>
        Assert.Contains("bypass.cidrs[0]", SiteValidator.Validate(Valid() with { Bypass = new BypassSettings { Cidrs = ["10.0.0.0/33"] } }).Keys);

    [Fact]
    public void Validate_ShortSecret_Error() =>
        Assert.Contains("bypass.secret", SiteValidator.Validate(Valid() with { Bypass = new BypassSettings { Secret = "short" } }).Keys);

    [Fact]
    public void Validate_WindowEndingBeforeStart_Error()
    {
        var now = DateTimeOffset.UtcNow;
        var site = Valid() with { Schedules = [new MaintenanceWindow { Id = "w", Start = now, End = now.AddMinutes(-1) }] };
        Assert.Contains("schedules[0].end", SiteValidator.Validate(site).Keys);
    }

    [Fact]
    public void Validate_OutOfRangeNumbers_EachNamed()
    {
        var site = Valid() with
        {
            RetryAfterSeconds = -1,
            ConnectTimeoutMs = 10,
            ResponseTimeoutMs = 10,
            Health = new SiteHealthSettings { IntervalMs = 10, TimeoutMs = 10, Rise = 0, Fall = 99, ExpectedStatus = "abc" },
            Backends = [new SiteBackend { Url = "http://x.test", Weight = 0 }],
        };
        var keys = SiteValidator.Validate(site).Keys;
        foreach (var key in new[] { "retryAfterSeconds", "connectTimeoutMs", "responseTimeoutMs", "health.intervalMs", "health.timeoutMs", "health.rise", "health.fall", "health.expectedStatus", "backends[0].weight" })
        {
            Assert.Contains(key, keys);
        }
    }

    [Theory]
    [InlineData("200", 200, 200)]
    [InlineData("200-399", 200, 399)]
    [InlineData(" 204 - 204 ", 204, 204)]
    public void StatusRange_Valid_Parsed(string text, int min, int max) =>
        Assert.Equal(new StatusRange(min, max), StatusRange.TryParse(text));

    [Theory]
    [InlineData("399-200")]
    [InlineData("99")]
    [InlineData("2xx")]
    [InlineData("600")]
    public void StatusRange_Invalid_Null(string text) => Assert.Null(StatusRange.TryParse(text));
}
