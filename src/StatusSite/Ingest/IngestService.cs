using Microsoft.Data.Sqlite;
using StatusSite.Data;
using StatusSite.Domain;
using StatusSite.Public;
using StatusSite.Staff;

namespace StatusSite.Ingest;

/// <summary>
/// Applies automatic status events: idempotent by event id, ordered by occurredAt per component, and
/// turning an edge takeover into a draft incident that staff publish or discard.
/// </summary>
internal sealed partial class IngestService(
    StatusDatabase database, IngestStore events, ComponentStore components, IncidentStore incidents,
    IncidentService incidentService, PublicSiteCache cache, TimeProvider time, ILogger<IngestService> logger)
{
    /// <summary>How far ahead of this clock an event may be dated and still change a component.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    public static string? Validate(IngestEvent? e) => e switch
    {
        null => "a JSON body is required.",
        { Id: null or "" } or { Id.Length: > 200 } => "id is required (at most 200 characters).",
        _ when !IngestSources.IsValid(e.Source) => "source must be 'edge' or 'agent'.",
        _ when !Slug.IsValid(e.Component) => "component must be a slug: lowercase letters, digits, '.', '_' or '-'.",
        _ when !ComponentStatus.IsValid(e.Status) => "status must be one of: " + string.Join(", ", ComponentStatus.All) + ".",
        { OccurredAt: null } => "occurredAt is required (ISO-8601).",
        { ComponentName.Length: > 200 } or { Group.Length: > 200 } or { Cause.Length: > 2000 } => "componentName, group or cause is too long.",
        _ => null,
    };

    public async Task<IngestOutcome> ApplyAsync(IngestEvent e, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var outcome = await database.WriteAsync(async (c, tx) =>
        {
            if (!await events.TryInsertAsync(c, tx, e, now, ct))
            {
                return IngestOutcome.Duplicate;
            }

            if (e.OccurredAt > now + MaxFutureSkew)
            {
                return IngestOutcome.Future;
            }

            var component = await components.GetAsync(c, tx, e.Component!, ct);
            if (component is null)
            {
                var name = string.IsNullOrWhiteSpace(e.ComponentName) ? e.Component! : e.ComponentName.Trim();
                var group = string.IsNullOrWhiteSpace(e.Group) ? null : e.Group.Trim();
                // Hidden until staff publish it: a customer's site is not news for the public page.
                component = new Component(e.Component!, name, group, ComponentStatus.Operational, 0, null, true, null, now, now, Hidden: true);
                await components.InsertAsync(c, tx, component, null, ct);
            }
            else if (await components.LastEventAtAsync(c, tx, component.Id, ct) is { } last && e.OccurredAt < last)
            {
                return IngestOutcome.Stale;
            }

            await components.SetStatusAsync(c, tx, component, e.Status!, true, e.Cause, now, e.OccurredAt, ct);
            await events.MarkAppliedAsync(c, tx, e.Id!, ct);
            await FollowIncidentAsync(c, tx, component, e, now, ct);
            return IngestOutcome.Applied;
        }, ct);

        if (outcome != IngestOutcome.Duplicate)
        {
            await cache.RebuildAsync(ct);
        }

        LogApplied(logger, e.Id!, e.Component!, e.Status!, outcome);
        return outcome;
    }

    private async Task FollowIncidentAsync(
        SqliteConnection c, SqliteTransaction tx, Component component, IngestEvent e, DateTimeOffset now, CancellationToken ct)
    {
        var open = await incidents.FindOpenAutomaticAsync(c, tx, component.Id, ct);
        if (e.Status == ComponentStatus.Operational && open is not null)
        {
            var incident = (await incidents.GetAsync(c, tx, open, ct))!;
            await incidentService.AdvanceAsync(c, tx, incident, IncidentStatus.Resolved,
                $"{component.Name} is operational again.", true, now, ct);
            return;
        }

        if (e.Source != IngestSources.Edge || !ComponentStatus.IsOutage(e.Status!) || open is not null)
        {
            return;
        }

        var id = RowIds.New();
        var impact = e.Status == ComponentStatus.MajorOutage ? IncidentImpact.Major : IncidentImpact.Minor;
        await incidents.InsertAsync(c, tx, new Incident(id, IncidentKind.Incident, $"{component.Name}: {ComponentStatus.Label(e.Status!).ToLowerInvariant()}",
            IncidentStatus.Investigating, impact, Draft: true, Automatic: true, component.Id, now, now, now, null, null, null, null, [], []), ct);
        var updateId = RowIds.New();
        await incidents.AddUpdateAsync(c, tx, new IncidentUpdate(updateId, id, IncidentStatus.Investigating,
            $"The edge took over {component.Name}; visitors see the maintenance page while we investigate.", true, now), ct);
        await incidents.SetComponentAsync(c, tx, id, component.Id, e.Status!, ct);
        await incidents.SetAffectedAsync(c, tx, updateId, [new ComponentChange(component.Id, component.Status, e.Status!)], ct);
        LogDraftOpened(logger, id, component.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest event {IngestId} for {Component} ({Status}) was {Outcome}")]
    private static partial void LogApplied(ILogger logger, string ingestId, string component, string status, IngestOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened draft incident {IncidentId} for {Component}")]
    private static partial void LogDraftOpened(ILogger logger, string incidentId, string component);
}
