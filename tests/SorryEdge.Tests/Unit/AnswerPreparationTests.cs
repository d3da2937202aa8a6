using Microsoft.AspNetCore.Http;
using SorryEdge.Configuration;
using SorryEdge.Hosting;
using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.Tests.Unit;

public sealed class AnswerPreparationTests
{
    [Theory]
    [InlineData(null, ResponseFormat.Text)]
    [InlineData("*/*", ResponseFormat.Text)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ResponseFormat.Html)]
    [InlineData("application/json", ResponseFormat.Json)]
    [InlineData("application/problem+json", ResponseFormat.Json)]
    [InlineData("text/html;q=0.5, application/json", ResponseFormat.Json)]
    [InlineData("application/json;q=0.2, text/html", ResponseFormat.Html)]
    [InlineData("text/plain", ResponseFormat.Text)]
    [InlineData("garbage;;;==", ResponseFormat.Text)]
    // The format is boxed: an xUnit theory is public and the enum is internal to the edge.
    public void Choose_AcceptHeader_Expected(string? accept, object expected)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        Assert.Equal((ResponseFormat)expected, FormatNegotiation.Choose(context.Request));
    }

    [Fact]
    public void Build_DefaultPage_SiteNameMessageAndRetryEncoded()
    {
        var site = new Site { Id = "s", Name = "Tom & Jerry's <shop>", Message = "<script>alert(1)</script>", RetryAfterSeconds = 600 };
        var page = PreparedSorryPage.Build(site, null, new EdgeContent().DefaultSorryPage);
        var html = System.Text.Encoding.UTF8.GetString(page.Html.Identity);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("Tom &amp; Jerry&#x27;s &lt;shop&gt;", html);
        Assert.Contains("in about 10 minutes", html);
        Assert.Equal("600", page.RetryAfter);
        Assert.NotNull(page.Html.Gzip);
        Assert.NotNull(page.Html.Brotli);
        Assert.True(page.Html.Brotli!.Length < page.Html.Identity.Length);
    }

    [Fact]
    public void Build_UploadedBundle_IndexVerbatimAndAssetsByPath()
    {
        var index = "<html>custom</html>"u8.ToArray();
        var bundle = new SorryBundle(3, new Dictionary<string, byte[]> { ["index.html"] = index, ["css/a.css"] = "body{}"u8.ToArray(), ["evil.exe"] = [1] });
        var page = PreparedSorryPage.Build(new Site { Id = "s" }, bundle, "unused");

        Assert.Equal(index, page.Html.Identity);
        Assert.Equal("text/css; charset=utf-8", page.Assets["css/a.css"].ContentType);
        Assert.False(page.Assets.ContainsKey("evil.exe"));
    }

    [Theory]
    [InlineData(30, "in a minute")]
    [InlineData(300, "in about 5 minutes")]
    [InlineData(3600, "in about an hour")]
    [InlineData(7200, "in about 2 hours")]
    public void DescribeRetry_Seconds_HumanText(int seconds, string expected) =>
        Assert.Equal(expected, PreparedSorryPage.DescribeRetry(seconds));

    [Fact]
    public void Select_AcceptEncoding_PrefersBrotliThenGzip()
    {
        var body = new PreparedBody("text/html", new byte[4096]);
        Assert.Equal("br", body.Select("gzip, br").Encoding);
        Assert.Equal("gzip", body.Select("gzip").Encoding);
        Assert.Null(body.Select(null).Encoding);
        Assert.Null(new PreparedBody("image/png", new byte[4096]).Select("br").Encoding);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://localhost:0", true)]
    [InlineData("http://example.com:80", false)]
    [InlineData("https://127.0.0.1:8080", false)]
    [InlineData("http://127.0.0.1:8080/path", false)]
    [InlineData("nonsense", false)]
    public void ListenAddress_Url_ParsedOnlyWhenIpOrLocalhost(string url, bool ok) =>
        Assert.Equal(ok, ListenAddress.TryParse(url, "http", out _) is not null);

    [Fact]
    public void EdgeOptionsValidator_BadValues_MessagesNameTheKeys()
    {
        var options = new EdgeOptions
        {
            Listen = new EdgeListenOptions { Http = "http://example.com:80", Admin = "ftp://x", Https = "https://127.0.0.1:8443" },
            Admin = new EdgeAdminOptions { BootstrapToken = "short" },
        };
        var result = new EdgeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = string.Join("\n", result.Failures!);
        Assert.Contains("Edge:Listen:Http", message);
        Assert.Contains("Edge:Listen:Admin", message);
        Assert.Contains("Edge:Tls:CertificateDirectory", message);
        Assert.Contains("Edge:Admin:BootstrapToken", message);
    }

    [Fact]
    public void Prepare_NewVersionWithTheSameText_KeepsThePreparedPage_ChangedTextBuildsANewOne()
    {
        // A latch or a mode switch at the start of an outage writes a new version of the site: its
        // prepared answer must survive, or every request of the outage's first moments compresses the page.
        var responder = new TakeoverResponder(new NoBundles(), new EdgeContent(), new SorryEdge.Events.EdgeMetrics());
        var site = new Site { Id = "s", Hostnames = ["s.test"], Message = "Back soon" };
        var first = responder.Prepare(new SiteEntry(new SiteRecord(site, false, 1, DateTimeOffset.UnixEpoch)));

        var latched = responder.Prepare(new SiteEntry(new SiteRecord(site with { Mode = SiteMode.Maintenance }, true, 2, DateTimeOffset.UnixEpoch)));
        var reworded = responder.Prepare(new SiteEntry(new SiteRecord(site with { Message = "Back at noon" }, true, 3, DateTimeOffset.UnixEpoch)));

        Assert.Same(first, latched);
        Assert.NotSame(first, reworded);
        Assert.Contains("Back at noon", System.Text.Encoding.UTF8.GetString(reworded.Html.Identity), StringComparison.Ordinal);
    }

    private sealed class NoBundles : ISorryBundleSource
    {
        public event Action<string>? Changed
        {
            add { }
            remove { }
        }

        public SorryBundle? GetActive(string siteId) => null;
    }
}
