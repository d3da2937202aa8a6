using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cli;

/// <summary>The built executable showing and switching a site's SMTP mode and domains on a real edge.</summary>
public sealed class CliSmtpTests(CliEdgeFixture fixture) : IClassFixture<CliEdgeFixture>
{
    [Fact]
    public async Task SmtpModeAndDomains_RunningEdge_SwitchedAndShown()
    {
        await fixture.Edge.PutSiteAsync("mail", EdgeTestHost.Site("mail.test", [fixture.Backend.Url], s =>
            s["smtp"] = new { domains = new[] { "mail.test" }, backend = "127.0.0.1:9" }));

        var mode = await fixture.RunAsync("smtp", "mode", "mail", "tempfail");
        var domains = await fixture.RunAsync("smtp", "domains", "mail", "mail.test", "*.mail.test");
        var show = await fixture.RunAsync("sites", "show", "mail");
        var bad = await fixture.RunAsync("smtp", "domains", "mail", "not a domain");

        Assert.True(mode.ExitCode == 0, mode.ToString());
        Assert.Contains("mail: mode tempfail, domains mail.test", mode.Stdout);
        Assert.True(domains.ExitCode == 0, domains.ToString());
        Assert.Contains("domains mail.test,*.mail.test", domains.Stdout);
        Assert.Contains("SMTP:       mode tempfail, domains mail.test,*.mail.test, listeners none, backend 127.0.0.1:9", show.Stdout);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("smtp.domains[0]", bad.ToString());
        Assert.Equal("tempfail", (string?)(await fixture.Edge.GetSiteAsync("mail"))["smtp"]!["mode"]);
    }
}
