namespace StatusSite.Ingest;

/// <summary>What applying an ingest event did.</summary>
internal enum IngestOutcome
{
    /// <summary>New id; status changed (or stayed) as the event says.</summary>
    Applied,

    /// <summary>New id, but older than the component's last applied event: stored, status untouched.</summary>
    Stale,

    /// <summary>Id seen before: nothing changed.</summary>
    Duplicate,

    /// <summary>
    /// Dated more than <see cref="IngestService.MaxFutureSkew"/> ahead of this clock: stored, status
    /// untouched — a sender with a wrong clock must not freeze the component until that date.
    /// </summary>
    Future,
}
