using System.Net;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cli;

/// <summary>The built executable switching a real edge: maintenance, schedules, events.</summary>
public sealed class CliSwitchTests(CliEdgeFixture fixture) : IClassFixture<CliEdgeFixture>
{
    [Fact]
    public async Task MaintenanceOnOff_RunningEdge_DataPlaneAnswersSorryThenBackend()
    {
        var (site, host) = await fixture.AddSiteAsync("switch");
        await DataPlane.WaitForAsync(fixture.Edge, host, HttpStatusCode.OK, fixture.Backend.Body);

        var on = await fixture.RunAsync("maintenance", "on", site, "--until", "30m");
        Assert.True(on.ExitCode == 0, on.ToString());
        Assert.Contains("maintenance until", on.Stdout);
        await DataPlane.WaitForAsync(fixture.Edge, host, HttpStatusCode.ServiceUnavailable, "Planned work on " + host);

        var show = await fixture.RunAsync("sites", "show", site);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("maintenance until", show.Stdout);
        Assert.Contains(fixture.Backend.Url, show.Stdout);

        var off = await fixture.RunAsync("maintenance", "off", site);
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Contains("mode auto", off.Stdout);
        await DataPlane.WaitForAsync(fixture.Edge, host, HttpStatusCode.OK, fixture.Backend.Body);

        var events = await fixture.RunAsync("events", site, "--since", "10m", "--json");
        Assert.True(events.ExitCode == 0, events.ToString());
        var list = JsonNode.Parse(events.Stdout)!.AsArray();
        Assert.Contains(list, e => e!.ToJsonString().Contains("maintenance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedirectOnOff_SiteWithRedirect_DataPlaneRedirectsThenForwards()
    {
        await fixture.Edge.PutSiteAsync("redir", EdgeTestHost.Site("redir.test", [fixture.Backend.Url],
            s => s["redirect"] = new { url = "https://status.example.net/", status = 307 }));

        var on = await fixture.RunAsync("redirect", "on", "redir");
        Assert.True(on.ExitCode == 0, on.ToString());
        using var client = fixture.Edge.Client("redir.test");
        var redirected = await Poll.UntilAsync(() => client.GetAsync("/"), r => r.StatusCode == HttpStatusCode.TemporaryRedirect, TimeSpan.FromSeconds(10), "a 307");
        Assert.Equal("https://status.example.net/", redirected.Headers.Location!.ToString());

        var off = await fixture.RunAsync("redirect", "off", "redir");
        Assert.True(off.ExitCode == 0, off.ToString());
        await DataPlane.WaitForAsync(fixture.Edge, "redir.test", HttpStatusCode.OK, fixture.Backend.Body);

        var resume = await fixture.RunAsync("resume", "redir");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Contains("redir: mode auto", resume.Stdout);
    }

    [Fact]
    public async Task RedirectOn_SiteWithoutRedirect_Exit1AndModeUnchanged()
    {
        var (site, _) = await fixture.AddSiteAsync("noredir");

        var on = await fixture.RunAsync("redirect", "on", site);

        Assert.Equal(1, on.ExitCode);
        Assert.Contains("the site has no redirect settings", on.Stderr);
        Assert.Equal("auto", (string?)(await fixture.Edge.GetSiteAsync(site))["mode"]);
    }

    [Fact]
    public async Task MaintenanceOn_UntilGiven_SiteShowsItsEnd()
    {
        var (site, _) = await fixture.AddSiteAsync("until");
        var until = DateTimeOffset.UtcNow.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var on = await fixture.RunAsync("maintenance", "on", site, "--until", until, "--json");

        Assert.True(on.ExitCode == 0, on.ToString());
        var view = JsonNode.Parse(on.Stdout)!;
        Assert.Equal("maintenance", (string?)view["mode"]);
        Assert.Equal(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)view["modeUntil"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ScheduleAddListCancel_RunningEdge_WindowComesAndGoes()
    {
        var (site, _) = await fixture.AddSiteAsync("sched");

        var add = await fixture.RunAsync("schedule", "add", site, "--start", "1h", "--end", "2h", "--json");
        Assert.True(add.ExitCode == 0, add.ToString());
        var windowId = (string)JsonNode.Parse(add.Stdout)!["id"]!;

        var list = await fixture.RunAsync("schedule", "list", site);
        Assert.Contains(windowId, list.Stdout);
        Assert.Contains("maintenance", list.Stdout);

        var cancel = await fixture.RunAsync("schedule", "cancel", site, windowId);
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Empty(JsonNode.Parse((await fixture.RunAsync("schedule", "list", site, "--json")).Stdout)!.AsArray());

        var again = await fixture.RunAsync("schedule", "cancel", site, windowId);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("404", again.Stderr);
    }

    [Fact]
    public async Task ScheduleAdd_EndBeforeStart_Exit1WithFieldErrorAndNoWindow()
    {
        var (site, _) = await fixture.AddSiteAsync("badwin");

        var add = await fixture.RunAsync("schedule", "add", site, "--start", "2h", "--end", "1h");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("end: must be after start", add.Stderr);
        Assert.Empty(JsonNode.Parse((await fixture.RunAsync("schedule", "list", site, "--json")).Stdout)!.AsArray());
    }
}
