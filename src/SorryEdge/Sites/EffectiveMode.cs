namespace SorryEdge.Sites;

/// <summary>The mode a site is in at a moment, from its manual switch and its maintenance windows.</summary>
internal static class EffectiveMode
{
    /// <summary>The mode in force at <paramref name="now"/>: a manual switch first, then an open window, else auto.</summary>
    public static SiteMode At(SiteMode mode, DateTimeOffset? until, IReadOnlyList<MaintenanceWindow> schedules, DateTimeOffset now)
    {
        if (mode != SiteMode.Auto && (until is null || now < until))
        {
            return mode;
        }

        for (var i = 0; i < schedules.Count; i++)
        {
            if (schedules[i].IsOpenAt(now))
            {
                return schedules[i].Mode;
            }
        }

        return SiteMode.Auto;
    }
}
