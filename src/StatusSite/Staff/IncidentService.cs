using Microsoft.Data.Sqlite;
using StatusSite.Data;
using StatusSite.Domain;
using StatusSite.Public;

namespace StatusSite.Staff;

/// <summary>Staff incident and maintenance lifecycle: open, update, resolve, schedule, publish or discard drafts.</summary>
internal sealed class IncidentService(
    StatusDatabase database, IncidentStore incidents, ComponentStore components, PublicSiteCache cache,
    Maintenance.MaintenanceSignal signal, TimeProvider time)
{
    private const int MaxBody = 20_000;

    public async Task<StaffResult<string>> CreateIncidentAsync(IncidentRequest r, CancellationToken ct)
    {
        var error = Text(r.Name, "name", 200) ?? Text(r.Body, "body", MaxBody)
            ?? (IncidentStatus.IsValidIncident(r.Status) ? null : "status must be one of: " + string.Join(", ", IncidentStatus.IncidentValues) + ".")
            ?? (IncidentImpact.IsValid(r.Impact) ? null : "impact must be one of: " + string.Join(", ", IncidentImpact.IncidentValues) + ".")
            ?? ComponentStates(r.Components);
        if (error is not null)
        {
            return StaffResult<string>.Fail(error);
        }

        var now = time.GetUtcNow();
        var id = RowIds.New();
        var result = await database.WriteAsync(async (c, tx) =>
        {
            var missing = await MissingComponentAsync(c, tx, r.Components?.Keys ?? Enumerable.Empty<string>(), ct);
            if (missing is not null)
            {
                return missing;
            }

            await incidents.InsertAsync(c, tx, new Incident(id, IncidentKind.Incident, r.Name!.Trim(), r.Status!, r.Impact!, false, false, null,
                now, now, now, null, null, null, null, [], []), ct);
            await incidents.SetStatusAsync(c, tx, id, r.Status!, now, ct);
            var before = await StatusesAsync(c, tx, r.Components?.Keys ?? Enumerable.Empty<string>(), ct);
            var updateId = RowIds.New();
            await incidents.AddUpdateAsync(c, tx, new IncidentUpdate(updateId, id, r.Status!, r.Body!, false, now), ct);
            await ApplyComponentsAsync(c, tx, id, r.Components, now, ct);
            await RecordAffectedAsync(c, tx, updateId, before, ct);
            await NoticeStore.AddIncidentAsync(c, tx, id, updateId, now, ct);
            return null;
        }, ct);
        return await DoneAsync(result, id, ct);
    }

    public async Task<StaffResult<string>> AddUpdateAsync(string id, UpdateRequest r, CancellationToken ct)
    {
        var error = Text(r.Body, "body", MaxBody) ?? ComponentStates(r.Components);
        if (error is not null)
        {
            return StaffResult<string>.Fail(error);
        }

        var now = time.GetUtcNow();
        string? updateId = null;
        var result = await database.WriteAsync(async (c, tx) =>
        {
            var incident = await incidents.GetAsync(c, tx, id, ct);
            if (incident is null)
            {
                return "incident not found";
            }

            var valid = incident.IsMaintenance ? IncidentStatus.IsValidMaintenance(r.Status) : IncidentStatus.IsValidIncident(r.Status);
            if (!valid)
            {
                return "status must be one of: " + string.Join(", ", incident.IsMaintenance ? IncidentStatus.MaintenanceValues : IncidentStatus.IncidentValues) + ".";
            }

            var missing = await MissingComponentAsync(c, tx, r.Components?.Keys ?? Enumerable.Empty<string>(), ct);
            if (missing is not null)
            {
                return missing;
            }

            updateId = await AdvanceAsync(c, tx, incident, r.Status!, r.Body!, false, now, ct, r.Components);
            return null;
        }, ct);
        return await DoneAsync(result, updateId ?? string.Empty, ct);
    }

    public async Task<StaffResult<string>> CreateMaintenanceAsync(MaintenanceRequest r, CancellationToken ct)
    {
        var error = Text(r.Name, "name", 200) ?? Text(r.Body, "body", MaxBody)
            ?? (r.ScheduledFor is null || r.ScheduledUntil is null ? "scheduledFor and scheduledUntil are required ISO-8601 times." : null)
            ?? (r.ScheduledUntil <= r.ScheduledFor ? "scheduledUntil must be after scheduledFor." : null)
            ?? (r.Components?.Any(id => !Slug.IsValid(id)) == true ? "components must be component ids." : null);
        if (error is not null)
        {
            return StaffResult<string>.Fail(error);
        }

        var now = time.GetUtcNow();
        var id = RowIds.New();
        var result = await database.WriteAsync(async (c, tx) =>
        {
            var ids = r.Components ?? [];
            var missing = await MissingComponentAsync(c, tx, ids, ct);
            if (missing is not null)
            {
                return missing;
            }

            await incidents.InsertAsync(c, tx, new Incident(id, IncidentKind.Maintenance, r.Name!.Trim(), IncidentStatus.Scheduled,
                IncidentImpact.Maintenance, false, false, null, now, now, now, null, null, r.ScheduledFor, r.ScheduledUntil, [], []), ct);
            var updateId = RowIds.New();
            await incidents.AddUpdateAsync(c, tx, new IncidentUpdate(updateId, id, IncidentStatus.Scheduled, r.Body!, false, now), ct);
            foreach (var component in ids.Distinct())
            {
                await incidents.SetComponentAsync(c, tx, id, component, ComponentStatus.UnderMaintenance, ct);
            }

            // Announced, not begun: the update records the components as they are (GitHub's "scheduled" updates
            // read operational -> operational), never under_maintenance before the work starts.
            await RecordAffectedAsync(c, tx, updateId, await StatusesAsync(c, tx, ids.Distinct(), ct), ct);
            await NoticeStore.AddIncidentAsync(c, tx, id, updateId, now, ct);
            return null;
        }, ct);
        signal.Wake();
        return await DoneAsync(result, id, ct);
    }

    public async Task<StaffResult<string>> PublishAsync(string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ok = await database.WriteAsync(async (c, tx) =>
        {
            if (!await incidents.PublishAsync(c, tx, id, now, ct))
            {
                return false;
            }

            // Subscribers hear of a published draft once, with its latest update.
            if ((await incidents.GetAsync(c, tx, id, ct))?.Updates is { Count: > 0 } updates)
            {
                await NoticeStore.AddIncidentAsync(c, tx, id, updates[^1].Id, now, ct);
            }

            return true;
        }, ct);
        return await DoneAsync(ok ? null : "no draft with that id", id, ct);
    }

    public async Task<StaffResult<string>> DiscardAsync(string id, CancellationToken ct)
    {
        var ok = await database.WriteAsync((c, tx) => incidents.DiscardAsync(c, tx, id, time.GetUtcNow(), ct), ct);
        return await DoneAsync(ok ? null : "no draft with that id", id, ct);
    }

    /// <summary>Moves due maintenance to in progress or completed; called by the scheduler on time.</summary>
    public async Task<int> AdvanceMaintenanceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var changed = await database.WriteAsync(async (c, tx) =>
        {
            var due = await incidents.DueMaintenanceAsync(c, tx, now, ct);
            foreach (var id in due)
            {
                var m = (await incidents.GetAsync(c, tx, id, ct))!;
                var next = m.Status == IncidentStatus.Scheduled && m.ScheduledUntil > now ? IncidentStatus.InProgress : IncidentStatus.Completed;
                var body = next == IncidentStatus.InProgress
                    ? "Scheduled maintenance is currently in progress."
                    : "The scheduled maintenance has been completed.";
                await AdvanceAsync(c, tx, m, next, body, true, now, ct);
            }

            return due.Count;
        }, ct);
        if (changed > 0)
        {
            await cache.RebuildAsync(ct);
        }

        return changed;
    }

    /// <summary>
    /// Adds an update and moves affected components: under maintenance when it starts, operational when closed, then
    /// any explicit <paramref name="states"/>; records what the update changed and tells subscribers unless it is a draft.
    /// </summary>
    internal async Task<string> AdvanceAsync(
        SqliteConnection c, SqliteTransaction tx, Incident incident, string status, string body, bool automatic, DateTimeOffset now,
        CancellationToken ct, Dictionary<string, string>? states = null)
    {
        var updateId = RowIds.New();
        var before = await StatusesAsync(c, tx, incident.Components.Select(a => a.ComponentId).Concat(states?.Keys ?? Enumerable.Empty<string>()), ct);
        await incidents.SetStatusAsync(c, tx, incident.Id, status, now, ct);
        await incidents.AddUpdateAsync(c, tx, new IncidentUpdate(updateId, incident.Id, status, body, automatic, now), ct);
        string? target = IncidentStatus.IsClosed(status) && (!incident.IsOpen || incident.Status == IncidentStatus.Scheduled) ? null
            : IncidentStatus.IsClosed(status) ? ComponentStatus.Operational
            : status == IncidentStatus.InProgress ? ComponentStatus.UnderMaintenance : null;
        foreach (var affected in target is null ? [] : incident.Components)
        {
            var component = await components.GetAsync(c, tx, affected.ComponentId, ct);
            if (component is not null)
            {
                await components.SetStatusAsync(c, tx, component, target!, automatic, null, now, null, ct, notify: false);
            }
        }

        await ApplyComponentsAsync(c, tx, incident.Id, states, now, ct);
        await RecordAffectedAsync(c, tx, updateId, before, ct);
        if (!incident.Draft)
        {
            await NoticeStore.AddIncidentAsync(c, tx, incident.Id, updateId, now, ct);
        }

        return updateId;
    }

    /// <summary>The current status of each existing component, before an update changes them.</summary>
    internal async Task<Dictionary<string, string>> StatusesAsync(SqliteConnection c, SqliteTransaction tx, IEnumerable<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct())
        {
            if (await components.GetAsync(c, tx, id, ct) is { } component)
            {
                result[id] = component.Status;
            }
        }

        return result;
    }

    /// <summary>Stores, on the update, each component's status before and after it (Statuspage's affected_components).</summary>
    internal async Task RecordAffectedAsync(
        SqliteConnection c, SqliteTransaction tx, string updateId, Dictionary<string, string> before, CancellationToken ct)
    {
        var after = await StatusesAsync(c, tx, before.Keys, ct);
        var changes = before.Select(kv => new ComponentChange(kv.Key, kv.Value, after.GetValueOrDefault(kv.Key, kv.Value))).ToList();
        if (changes.Count > 0)
        {
            await incidents.SetAffectedAsync(c, tx, updateId, changes, ct);
        }
    }

    private async Task ApplyComponentsAsync(
        SqliteConnection c, SqliteTransaction tx, string incidentId, Dictionary<string, string>? states, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (componentId, status) in states ?? [])
        {
            await incidents.SetComponentAsync(c, tx, incidentId, componentId, status, ct);
            var component = (await components.GetAsync(c, tx, componentId, ct))!;
            await components.SetStatusAsync(c, tx, component, status, false, null, now, null, ct, notify: false);
        }
    }

    private async Task<string?> MissingComponentAsync(SqliteConnection c, SqliteTransaction tx, IEnumerable<string> ids, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            if (await components.GetAsync(c, tx, id, ct) is null)
            {
                return $"component '{id}' does not exist.";
            }
        }

        return null;
    }

    private async Task<StaffResult<string>> DoneAsync(string? error, string id, CancellationToken ct)
    {
        if (error is not null)
        {
            return StaffResult<string>.Fail(error, error.EndsWith("not found", StringComparison.Ordinal) || error.StartsWith("no draft", StringComparison.Ordinal)
                ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
        }

        await cache.RebuildAsync(ct);
        return StaffResult<string>.Success(id);
    }

    private static string? Text(string? value, string name, int max) =>
        string.IsNullOrWhiteSpace(value) ? $"{name} is required." : value.Length > max ? $"{name} must be at most {max} characters." : null;

    private static string? ComponentStates(Dictionary<string, string>? states) =>
        states?.FirstOrDefault(kv => !Slug.IsValid(kv.Key) || !ComponentStatus.IsValid(kv.Value)) is { Key: not null } bad
            ? $"components: '{bad.Key}' needs a component id and a status ({string.Join(", ", ComponentStatus.All)})."
            : null;
}
