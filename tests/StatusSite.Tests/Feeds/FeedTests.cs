using System.Net.Http.Json;
using System.Xml.Linq;
using StatusSite.Tests.Api;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Feeds;

public sealed class FeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Feeds_IncidentAndMaintenance_ParseWithRequiredElements()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("db", "Database");
        var id = await host.CreateIncidentAsync("Database & queue <slow>", "Looking at **it**.");
        var from = DateTimeOffset.UtcNow.AddDays(1);
        await V2ShapeTests.PostMaintenanceAsync(host, "Kernel upgrade; reboot, then checks", from, from.AddHours(2));

        var atom = XDocument.Parse(await host.Client.GetStringAsync("/history.atom"));
        Assert.Equal(Atom + "feed", atom.Root!.Name);
        Assert.NotNull(atom.Root.Element(Atom + "id"));
        Assert.NotNull(atom.Root.Element(Atom + "title"));
        Assert.NotNull(atom.Root.Element(Atom + "updated"));
        var entries = atom.Root.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        var entry = entries.Single(e => e.Element(Atom + "title")!.Value == "Database & queue <slow>");
        Assert.Equal("http://status.example.test/incidents/" + id, entry.Element(Atom + "id")!.Value);
        Assert.NotNull(entry.Element(Atom + "updated"));
        Assert.Contains("<strong>it</strong>", entry.Element(Atom + "content")!.Value);

        var rss = XDocument.Parse(await host.Client.GetStringAsync("/history.rss"));
        Assert.Equal("2.0", rss.Root!.Attribute("version")!.Value);
        var channel = rss.Root.Element("channel")!;
        Assert.NotNull(channel.Element("title"));
        Assert.NotNull(channel.Element("link"));
        Assert.NotNull(channel.Element("description"));
        var items = channel.Elements("item").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i =>
        {
            Assert.NotNull(i.Element("title"));
            Assert.NotNull(i.Element("link"));
            Assert.NotNull(i.Element("guid"));
            Assert.NotNull(i.Element("pubDate"));
        });
    }

    [Fact]
    public async Task Calendar_ScheduledMaintenance_HasVEventsWithCrlf()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("db", "Database");
        var from = new DateTimeOffset(2030, 1, 2, 3, 4, 0, TimeSpan.Zero);
        await V2ShapeTests.PostMaintenanceAsync(host, "Kernel upgrade; reboot, then checks " + new string('x', 80), from, from.AddHours(2));
        await V2ShapeTests.PostMaintenanceAsync(host, "Second window", from.AddDays(7), from.AddDays(7).AddHours(1));

        var response = await host.Client.GetAsync("/maintenance.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var ics = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.DoesNotMatch("[^\r]\n", ics);
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        var events = unfolded.Split("BEGIN:VEVENT\r\n").Skip(1).ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Matches("(?m)^UID:[a-z0-9]{12}@status\\.example\\.test\r$", e);
            Assert.Matches("(?m)^DTSTART:\\d{8}T\\d{6}Z\r$", e);
            Assert.Matches("(?m)^DTEND:\\d{8}T\\d{6}Z\r$", e);
            Assert.Matches("(?m)^SUMMARY:.+\r$", e);
            Assert.Contains("END:VEVENT", e);
        });
        Assert.Contains("DTSTART:20300102T030400Z\r\n", unfolded);
        Assert.Contains("DTEND:20300102T050400Z\r\n", unfolded);
        Assert.Contains("SUMMARY:Kernel upgrade\\; reboot\\, then checks", unfolded);
    }
}
