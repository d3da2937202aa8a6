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
            await incidents.AddUpdateAsync(c, tx, new IncidentUpdate(RowIds.New(), id, r.Status!, r.Body!, false, now), ct);
            await ApplyComponentsAsync(c, tx, id, r.Components, now, ct);
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

            updateId = await AdvanceAsync(c, tx, incident, r.Status!, r.Body!, false, now, ct);
            await ApplyComponentsAsync(c, tx, id, r.Components, now, ct);
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
            await incidents.AddUpdateAsync(c, tx, new IncidentUpdate(RowIds.New(), id, IncidentStatus.Scheduled, r.Body!, false, now), ct);
            foreach (var component in ids.Distinct())
            {
                await incidents.SetComponentAsync(c, tx, id, component, ComponentStatus.UnderMaintenance, ct);
            }

            return null;
        }, ct);
        signal.Wake();
        return await DoneAsync(result, id, ct);
    }

    public async Task<StaffResult<string>> PublishAsync(string id, CancellationToken ct)
    {
        var ok = await database.WriteAsync((c, tx) => incidents.PublishAsync(c, tx, id, time.GetUtcNow(), ct), ct);
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

    /// <summary>Adds an update and moves affected components: under maintenance when it starts, operational when closed.</summary>
    internal async Task<string> AdvanceAsync(
        SqliteConnection c, SqliteTransaction tx, Incident incident, string status, string body, bool automatic, DateTimeOffset now, CancellationToken ct)
    {
        var updateId = RowIds.New();
        await incidents.SetStatusAsync(c, tx, incident.Id, status, now, ct);
        await incidents.AddUpdateAsync(c, tx, new IncidentUpdate(updateId, incident.Id, status, body, automatic, now), ct);
        string? target = IncidentStatus.IsClosed(status) && (!incident.IsOpen || incident.Status == IncidentStatus.Scheduled) ? null
            : IncidentStatus.IsClosed(status) ? ComponentStatus.Operational
            : status == IncidentStatus.InProgress ? ComponentStatus.UnderMaintenance : null;
        if (target is null)
        {
            return updateId;
        }

        foreach (var affected in incident.Components)
        {
            var component = await components.GetAsync(c, tx, affected.ComponentId, ct);
            if (component is not null)
            {
                await components.SetStatusAsync(c, tx, component, target, automatic, null, now, null, ct);
            }
        }

        return updateId;
    }

    private async Task ApplyComponentsAsync(
        SqliteConnection c, SqliteTransaction tx, string incidentId, Dictionary<string, string>? states, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (componentId, status) in states ?? [])
        {
            await incidents.SetComponentAsync(c, tx, incidentId, componentId, status, ct);
            var component = (await components.GetAsync(c, tx, componentId, ct))!;
            await components.SetStatusAsync(c, tx, component, status, false, null, now, null, ct);
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
