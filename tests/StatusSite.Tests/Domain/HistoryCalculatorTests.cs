using StatusSite.Domain;

namespace StatusSite.Tests.Domain;

public sealed class HistoryCalculatorTests
{
    [Fact]
    public void Days_OutageWithinADay_WorstStateAndDowntimeMinutes()
    {
        var created = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var points = new[]
        {
            new HistoryPoint("a", created, ComponentStatus.Operational),
            new HistoryPoint("a", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), ComponentStatus.MajorOutage),
            new HistoryPoint("a", new DateTimeOffset(2026, 11, 20, 10, 45, 0, TimeSpan.Zero), ComponentStatus.DegradedPerformance),
            new HistoryPoint("a", new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero), ComponentStatus.Operational),
        };

        var days = HistoryCalculator.Days(points, created, now, 90);

        Assert.Equal(90, days.Count);
        Assert.Equal(new DateOnly(2026, 11, 22), days[^1].Day);
        var outage = days.Single(d => d.Day == new DateOnly(2026, 11, 20));
        Assert.Equal(ComponentStatus.MajorOutage, outage.Worst);
        Assert.Equal(45, outage.DowntimeMinutes);
        Assert.Equal(ComponentStatus.Operational, days.Single(d => d.Day == new DateOnly(2026, 11, 21)).Worst);
        Assert.Equal("none", days.Single(d => d.Day == new DateOnly(2026, 10, 1)).Worst);
    }
}
