namespace StatusSite.Domain;

/// <summary>Folds status changes into per-day worst state and declared downtime (UTC days).</summary>
internal static class HistoryCalculator
{
    public static IReadOnlyList<DayHistory> Days(
        IEnumerable<HistoryPoint> points, DateTimeOffset createdAt, DateTimeOffset now, int days)
    {
        var ordered = points.OrderBy(p => p.At).ToList();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var result = new List<DayHistory>(days);
        for (var i = days - 1; i >= 0; i--)
        {
            var day = today.AddDays(-i);
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var end = start.AddDays(1) < now ? start.AddDays(1) : now;
            if (end <= createdAt)
            {
                result.Add(new DayHistory(day, "none", 0));
                continue;
            }

            result.Add(Fold(ordered, start, end));
        }

        return result;
    }

    private static DayHistory Fold(List<HistoryPoint> ordered, DateTimeOffset start, DateTimeOffset end)
    {
        var status = ordered.LastOrDefault(p => p.At <= start)?.Status ?? ComponentStatus.Operational;
        var worst = status;
        var cursor = start;
        var downtime = TimeSpan.Zero;
        foreach (var p in ordered.Where(p => p.At > start && p.At < end))
        {
            if (ComponentStatus.IsOutage(status))
            {
                downtime += p.At - cursor;
            }

            cursor = p.At;
            status = p.Status;
            worst = ComponentStatus.Rank(status) > ComponentStatus.Rank(worst) ? status : worst;
        }

        if (ComponentStatus.IsOutage(status))
        {
            downtime += end - cursor;
        }

        return new DayHistory(DateOnly.FromDateTime(start.UtcDateTime), worst, (int)Math.Round(downtime.TotalMinutes));
    }
}
