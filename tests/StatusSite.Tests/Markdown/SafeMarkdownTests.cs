using StatusSite.Markdown;

namespace StatusSite.Tests.Markdown;

public sealed class SafeMarkdownTests
{
    public static TheoryData<string> HostileInputs => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "[ref][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "![img](javascript:alert(1))",
        "![img](x \"onerror=alert(1)\")",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<iframe src=\"https://evil.test\"></iframe>",
        "<svg><script>alert(1)</script></svg>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<style>body{display:none}</style>",
        "`<script>`<script>alert(1)</script>",
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void ToHtml_HostileInput_NoScriptSurvives(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown).ToLowerInvariant();

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("<div", html);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.DoesNotContain("href=\"java", html);
        Assert.DoesNotContain("href=\"data:", html);
        Assert.DoesNotContain("href=\"vbscript", html);
        Assert.DoesNotMatch("<[a-z]+[^>]*\\ssrc=", html);
        Assert.DoesNotMatch("<[a-z]+[^>]*\\son[a-z]+=", html);
    }

    [Fact]
    public void ToHtml_OrdinaryMarkdown_KeepsFormattingAndSafeLinks()
    {
        var html = SafeMarkdown.ToHtml("**Database** is _slow_, see [details](https://example.test/x) or [mail](mailto:ops@example.test) or [page](/incidents/abc).");

        Assert.Contains("<strong>Database</strong>", html);
        Assert.Contains("<em>slow</em>", html);
        Assert.Contains("href=\"https://example.test/x\"", html);
        Assert.Contains("href=\"mailto:ops@example.test\"", html);
        Assert.Contains("href=\"/incidents/abc\"", html);
    }

    [Fact]
    public void ToHtml_RawHtml_IsShownAsText()
    {
        var html = SafeMarkdown.ToHtml("<b>bold</b>");

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
    }

    [Theory]
    [InlineData("https://x.test", true)]
    [InlineData("http://x.test", true)]
    [InlineData("mailto:a@b.test", true)]
    [InlineData("/relative", true)]
    [InlineData("#anchor", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("", false)]
    public void IsSafe_Url_MatchesAllowList(string url, bool expected) => Assert.Equal(expected, UrlSafety.IsSafe(url));
}
