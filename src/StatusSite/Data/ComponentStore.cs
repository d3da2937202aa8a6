using Microsoft.Data.Sqlite;
using SqliteKit;
using StatusSite.Domain;

namespace StatusSite.Data;

/// <summary>Reads and writes components and their status history.</summary>
internal sealed class ComponentStore
{
    private const string Columns = "id, name, group_name, status, position, description, automatic, cause, created_at, updated_at, hidden";
    private const string SelectAllSql = $"SELECT {Columns} FROM components ORDER BY position, id";
    private const string SelectOneSql = $"SELECT {Columns} FROM components WHERE id = $id";
    private const string LastEventSql = "SELECT last_event_at FROM components WHERE id = $id";
    private const string NextPositionSql = "SELECT COALESCE(MAX(position), 0) + 1 FROM components";
    private const string InsertSql = """
        INSERT INTO components (id, name, group_name, status, position, automatic, cause, last_event_at, created_at, updated_at, hidden)
        VALUES ($id, $name, $group, $status, $position, $automatic, $cause, $eventAt, $now, $now, $hidden)
        """;
    private const string UpdateDetailsSql = "UPDATE components SET name = $name, group_name = $group, hidden = $hidden, updated_at = $now WHERE id = $id";
    private const string UpdateStatusSql = """
        UPDATE components SET status = $status, automatic = $automatic, cause = $cause,
            last_event_at = COALESCE($eventAt, last_event_at), updated_at = $now
        WHERE id = $id
        """;
    private const string InsertHistorySql = "INSERT INTO component_history (component_id, at, status) VALUES ($id, $at, $status)";
    private const string SelectHistorySql = "SELECT component_id, at, status FROM component_history WHERE at >= $since ORDER BY at, id";
    private const string SelectLastBeforeSql = """
        SELECT h.component_id, h.at, h.status FROM component_history h
        WHERE h.id = (SELECT id FROM component_history x WHERE x.component_id = h.component_id AND x.at < $since ORDER BY at DESC, id DESC LIMIT 1)
        """;

    public async Task<IReadOnlyList<Component>> ListAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, tx, SelectAllSql);
        return await ReadAsync(command, ct);
    }

    public async Task<Component?> GetAsync(SqliteConnection c, SqliteTransaction? tx, string id, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, tx, SelectOneSql, ("$id", id));
        return (await ReadAsync(command, ct)).FirstOrDefault();
    }

    public async Task<DateTimeOffset?> LastEventAtAsync(SqliteConnection c, SqliteTransaction tx, string id, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, tx, LastEventSql, ("$id", id));
        return DbTime.FromDbNullable(await command.ExecuteScalarAsync(ct) ?? DBNull.Value);
    }

    public async Task InsertAsync(
        SqliteConnection c, SqliteTransaction tx, Component component, DateTimeOffset? eventAt, CancellationToken ct)
    {
        await using var next = SqlCommands.Create(c, tx, NextPositionSql);
        var position = Convert.ToInt32(await next.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        await SqlCommands.ExecuteAsync(c, tx, InsertSql, ct,
            ("$id", component.Id), ("$name", component.Name), ("$group", component.Group), ("$status", component.Status),
            ("$position", position), ("$automatic", component.Automatic ? 1 : 0), ("$cause", component.Cause),
            ("$eventAt", DbTime.ToDb(eventAt)), ("$now", DbTime.ToDb(component.CreatedAt)), ("$hidden", component.Hidden ? 1 : 0));
        await AddHistoryAsync(c, tx, component.Id, component.Status, component.CreatedAt, ct);
    }

    public Task UpdateDetailsAsync(
        SqliteConnection c, SqliteTransaction tx, string id, string name, string? group, bool hidden, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, UpdateDetailsSql, ct,
            ("$id", id), ("$name", name), ("$group", group), ("$hidden", hidden ? 1 : 0), ("$now", DbTime.ToDb(now)));

    /// <summary>
    /// Sets the status; history gets a point (and subscribers a notice) only when the status actually changes. An
    /// incident update passes notify false: its own notice tells of the components it changed, so nobody gets two mails.
    /// </summary>
    public async Task SetStatusAsync(
        SqliteConnection c, SqliteTransaction tx, Component current, string status, bool automatic, string? cause,
        DateTimeOffset now, DateTimeOffset? eventAt, CancellationToken ct, bool notify = true)
    {
        await SqlCommands.ExecuteAsync(c, tx, UpdateStatusSql, ct,
            ("$id", current.Id), ("$status", status), ("$automatic", automatic ? 1 : 0), ("$cause", cause),
            ("$eventAt", DbTime.ToDb(eventAt)), ("$now", DbTime.ToDb(now)));
        if (current.Status != status)
        {
            await AddHistoryAsync(c, tx, current.Id, status, now, ct);
            if (!current.Hidden && notify)
            {
                // The one place a component's status changes, so subscribers hear of every change and of nothing hidden.
                await NoticeStore.AddComponentAsync(c, tx, current.Id, current.Status, status, now, ct);
            }
        }
    }

    public async Task<IReadOnlyList<HistoryPoint>> HistorySinceAsync(SqliteConnection c, DateTimeOffset since, CancellationToken ct)
    {
        var points = new List<HistoryPoint>();
        foreach (var sql in new[] { SelectLastBeforeSql, SelectHistorySql })
        {
            await using var command = SqlCommands.Create(c, null, sql, ("$since", DbTime.ToDb(since)));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                points.Add(new HistoryPoint(reader.GetString(0), DbTime.FromDb(reader.GetInt64(1)), reader.GetString(2)));
            }
        }

        return points;
    }

    private static Task AddHistoryAsync(
        SqliteConnection c, SqliteTransaction tx, string id, string status, DateTimeOffset at, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertHistorySql, ct, ("$id", id), ("$at", DbTime.ToDb(at)), ("$status", status));

    private static async Task<IReadOnlyList<Component>> ReadAsync(SqliteCommand command, CancellationToken ct)
    {
        var list = new List<Component>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new Component(
                reader.GetString(0), reader.GetString(1), SqlCommands.NullableString(reader, 2), reader.GetString(3), reader.GetInt32(4),
                SqlCommands.NullableString(reader, 5), reader.GetInt64(6) != 0, SqlCommands.NullableString(reader, 7),
                DbTime.FromDb(reader.GetInt64(8)), DbTime.FromDb(reader.GetInt64(9)), reader.GetInt64(10) != 0));
        }

        return list;
    }
}
