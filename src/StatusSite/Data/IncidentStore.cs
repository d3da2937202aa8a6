using Microsoft.Data.Sqlite;
using SqliteKit;
using StatusSite.Domain;

namespace StatusSite.Data;

/// <summary>Reads and writes incidents, maintenance, their updates and affected components.</summary>
internal sealed class IncidentStore
{
    private const string Columns = """
        id, kind, name, status, impact, draft, automatic, auto_component_id, created_at, updated_at, started_at,
        monitoring_at, resolved_at, scheduled_for, scheduled_until
        """;
    private const string SelectVisibleSql = $"SELECT {Columns} FROM incidents WHERE discarded = 0 ORDER BY created_at DESC, id";
    private const string SelectOneSql = $"SELECT {Columns} FROM incidents WHERE id = $id AND discarded = 0";
    private const string SelectUpdatesSql = """
        SELECT u.id, u.incident_id, u.status, u.body, u.automatic, u.created_at, u.affected FROM incident_updates u
        JOIN incidents i ON i.id = u.incident_id WHERE i.discarded = 0 AND ($id IS NULL OR i.id = $id) ORDER BY u.created_at, u.rowid
        """;
    private const string SelectComponentsSql = """
        SELECT c.incident_id, c.component_id, c.status FROM incident_components c
        JOIN incidents i ON i.id = c.incident_id WHERE i.discarded = 0 AND ($id IS NULL OR i.id = $id) ORDER BY c.rowid
        """;
    private const string InsertSql = """
        INSERT INTO incidents (id, kind, name, status, impact, draft, automatic, auto_component_id, created_at, updated_at,
            started_at, scheduled_for, scheduled_until)
        VALUES ($id, $kind, $name, $status, $impact, $draft, $automatic, $auto, $now, $now, $now, $for, $until)
        """;
    private const string InsertComponentSql = """
        INSERT INTO incident_components (incident_id, component_id, status) VALUES ($id, $component, $status)
        ON CONFLICT (incident_id, component_id) DO UPDATE SET status = excluded.status
        """;
    private const string InsertUpdateSql = """
        INSERT INTO incident_updates (id, incident_id, status, body, automatic, created_at)
        VALUES ($id, $incident, $status, $body, $automatic, $now)
        """;
    private const string SetStatusSql = """
        UPDATE incidents SET status = $status, updated_at = $now,
            monitoring_at = CASE WHEN $status = 'monitoring' AND monitoring_at IS NULL THEN $now ELSE monitoring_at END,
            resolved_at = CASE WHEN $status IN ('resolved', 'postmortem', 'completed') THEN COALESCE(resolved_at, $now) ELSE NULL END,
            started_at = CASE WHEN $status = 'in_progress' AND kind = 'maintenance' THEN $now ELSE started_at END
        WHERE id = $id
        """;
    private const string SetAffectedSql = "UPDATE incident_updates SET affected = $affected WHERE id = $id";
    private const string PublishSql = "UPDATE incidents SET draft = 0, updated_at = $now WHERE id = $id AND draft = 1 AND discarded = 0";
    private const string DiscardSql = "UPDATE incidents SET discarded = 1, updated_at = $now WHERE id = $id AND draft = 1 AND discarded = 0";
    private const string OpenAutoSql = """
        SELECT id FROM incidents WHERE auto_component_id = $component AND discarded = 0
            AND status NOT IN ('resolved', 'postmortem') ORDER BY created_at DESC LIMIT 1
        """;
    private const string DueMaintenanceSql = """
        SELECT id FROM incidents WHERE kind = 'maintenance' AND discarded = 0 AND draft = 0 AND (
            (status = 'scheduled' AND scheduled_for <= $now) OR (status IN ('in_progress', 'verifying') AND scheduled_until <= $now))
        ORDER BY scheduled_for
        """;
    private const string NextDueSql = """
        SELECT MIN(CASE WHEN status = 'scheduled' THEN scheduled_for ELSE scheduled_until END) FROM incidents
        WHERE kind = 'maintenance' AND discarded = 0 AND draft = 0 AND status IN ('scheduled', 'in_progress', 'verifying')
        """;

    public async Task<IReadOnlyList<Incident>> ListAsync(SqliteConnection c, CancellationToken ct) =>
        await LoadAsync(c, null, SelectVisibleSql, null, ct);

    public async Task<Incident?> GetAsync(SqliteConnection c, SqliteTransaction? tx, string id, CancellationToken ct) =>
        (await LoadAsync(c, tx, SelectOneSql, id, ct)).FirstOrDefault();

    public Task InsertAsync(SqliteConnection c, SqliteTransaction tx, Incident incident, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertSql, ct,
            ("$id", incident.Id), ("$kind", incident.Kind), ("$name", incident.Name), ("$status", incident.Status),
            ("$impact", incident.Impact), ("$draft", incident.Draft ? 1 : 0), ("$automatic", incident.Automatic ? 1 : 0),
            ("$auto", incident.AutoComponentId), ("$now", DbTime.ToDb(incident.CreatedAt)),
            ("$for", DbTime.ToDb(incident.ScheduledFor)), ("$until", DbTime.ToDb(incident.ScheduledUntil)));

    public Task SetComponentAsync(
        SqliteConnection c, SqliteTransaction tx, string incidentId, string componentId, string status, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertComponentSql, ct, ("$id", incidentId), ("$component", componentId), ("$status", status));

    public Task AddUpdateAsync(SqliteConnection c, SqliteTransaction tx, IncidentUpdate update, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertUpdateSql, ct,
            ("$id", update.Id), ("$incident", update.IncidentId), ("$status", update.Status), ("$body", update.Body),
            ("$automatic", update.Automatic ? 1 : 0), ("$now", DbTime.ToDb(update.CreatedAt)));

    /// <summary>Records what an update did to components (Statuspage's affected_components).</summary>
    public Task SetAffectedAsync(SqliteConnection c, SqliteTransaction tx, string updateId, IReadOnlyList<ComponentChange> changes, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, SetAffectedSql, ct, ("$id", updateId), ("$affected", System.Text.Json.JsonSerializer.Serialize(changes)));

    public Task SetStatusAsync(
        SqliteConnection c, SqliteTransaction tx, string id, string status, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, SetStatusSql, ct, ("$id", id), ("$status", status), ("$now", DbTime.ToDb(now)));

    public async Task<bool> PublishAsync(SqliteConnection c, SqliteTransaction tx, string id, DateTimeOffset now, CancellationToken ct) =>
        await SqlCommands.ExecuteAsync(c, tx, PublishSql, ct, ("$id", id), ("$now", DbTime.ToDb(now))) == 1;

    public async Task<bool> DiscardAsync(SqliteConnection c, SqliteTransaction tx, string id, DateTimeOffset now, CancellationToken ct) =>
        await SqlCommands.ExecuteAsync(c, tx, DiscardSql, ct, ("$id", id), ("$now", DbTime.ToDb(now))) == 1;

    public async Task<string?> FindOpenAutomaticAsync(SqliteConnection c, SqliteTransaction tx, string componentId, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, tx, OpenAutoSql, ("$component", componentId));
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public async Task<IReadOnlyList<string>> DueMaintenanceAsync(SqliteConnection c, SqliteTransaction tx, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, tx, DueMaintenanceSql, ("$now", DbTime.ToDb(now)));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<DateTimeOffset?> NextMaintenanceChangeAsync(SqliteConnection c, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, null, NextDueSql);
        return DbTime.FromDbNullable(await command.ExecuteScalarAsync(ct) ?? DBNull.Value);
    }

    private static async Task<IReadOnlyList<Incident>> LoadAsync(
        SqliteConnection c, SqliteTransaction? tx, string sql, string? id, CancellationToken ct)
    {
        var updates = new Dictionary<string, List<IncidentUpdate>>();
        await using (var command = SqlCommands.Create(c, tx, SelectUpdatesSql, ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var u = new IncidentUpdate(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetInt64(4) != 0, DbTime.FromDb(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : System.Text.Json.JsonSerializer.Deserialize<List<ComponentChange>>(reader.GetString(6)));
                Bucket(updates, u.IncidentId).Add(u);
            }
        }

        var components = new Dictionary<string, List<AffectedComponent>>();
        await using (var command = SqlCommands.Create(c, tx, SelectComponentsSql, ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                Bucket(components, reader.GetString(0)).Add(new AffectedComponent(reader.GetString(1), reader.GetString(2)));
            }
        }

        var list = new List<Incident>();
        await using (var command = SqlCommands.Create(c, tx, sql, ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var key = reader.GetString(0);
                list.Add(new Incident(
                    key, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5) != 0, reader.GetInt64(6) != 0, SqlCommands.NullableString(reader, 7),
                    DbTime.FromDb(reader.GetInt64(8)), DbTime.FromDb(reader.GetInt64(9)), DbTime.FromDb(reader.GetInt64(10)),
                    DbTime.FromDbNullable(reader.GetValue(11)), DbTime.FromDbNullable(reader.GetValue(12)),
                    DbTime.FromDbNullable(reader.GetValue(13)), DbTime.FromDbNullable(reader.GetValue(14)),
                    updates.GetValueOrDefault(key) ?? [], components.GetValueOrDefault(key) ?? []));
            }
        }

        return list;
    }

    private static List<T> Bucket<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }
}
