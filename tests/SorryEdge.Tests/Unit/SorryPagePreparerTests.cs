using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.Tests.Unit;

/// <summary>Which sites keep a prepared sorry answer in memory.</summary>
public sealed class SorryPagePreparerTests
{
    private static SiteEntry Entry(Func<Site, Site>? change = null, bool latched = false)
    {
        var site = new Site { Id = "s", Hostnames = ["s.example"], Backends = [new SiteBackend { Url = "http://127.0.0.1:9001" }] };
        return new SiteEntry(new SiteRecord(change?.Invoke(site) ?? site, latched, 1, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void MayAnswer_OnlySitesThatAnswerOrMaySoon()
    {
        Assert.False(SorryPagePreparer.MayAnswer(Entry(), down: false));
        Assert.True(SorryPagePreparer.MayAnswer(Entry(), down: true));
        Assert.True(SorryPagePreparer.MayAnswer(Entry(latched: true), down: false));
        Assert.True(SorryPagePreparer.MayAnswer(Entry(s => s with { Mode = SiteMode.Maintenance }), down: false));
        Assert.True(SorryPagePreparer.MayAnswer(Entry(s => s with { Backends = [] }), down: false));
        Assert.True(SorryPagePreparer.MayAnswer(Entry(s => s with { Schedules = [new MaintenanceWindow { Id = "w", Start = DateTimeOffset.UnixEpoch.AddDays(1), End = DateTimeOffset.UnixEpoch.AddDays(2) }] }), down: false));
    }
}
