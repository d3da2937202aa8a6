using System.Net;
using System.Text.Json.Nodes;

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
