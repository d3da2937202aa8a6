using System.Text.Json;
using Microsoft.Data.Sqlite;
using SqliteKit;
using StatusSite.Data;

namespace StatusSite.Subscribers;

/// <summary>Reads and writes subscribers.</summary>
internal sealed class SubscriberStore
{
    private const string Columns = "id, kind, address, components, secret, created_at, confirmation_sent_at, confirmed_at, failing_since, disabled_at";
    private const string SelectAllSql = $"SELECT {Columns} FROM subscribers ORDER BY created_at, id";
    private const string SelectOneSql = $"SELECT {Columns} FROM subscribers WHERE id = $id";
    private const string SelectByAddressSql = $"SELECT {Columns} FROM subscribers WHERE kind = $kind AND address = $address";
    private const string InsertSql = """
        INSERT INTO subscribers (id, kind, address, components, secret, created_at, confirmation_sent_at, confirmed_at)
        VALUES ($id, $kind, $address, $components, $secret, $now, $sent, $confirmed)
        """;
    private const string ConfirmSql = "UPDATE subscribers SET confirmed_at = COALESCE(confirmed_at, $now) WHERE id = $id";
    private const string SentSql = "UPDATE subscribers SET confirmation_sent_at = $now WHERE id = $id";
    private const string ComponentsSql = "UPDATE subscribers SET components = $components WHERE id = $id";
    private const string DeleteSql = "DELETE FROM subscribers WHERE id = $id";
    private const string FailingSql = "UPDATE subscribers SET failing_since = COALESCE(failing_since, $now) WHERE id = $id";
    private const string HealthySql = "UPDATE subscribers SET failing_since = NULL WHERE id = $id";
    private const string DisableSql = "UPDATE subscribers SET disabled_at = $now WHERE id = $id";

    public async Task<IReadOnlyList<Subscriber>> ListAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken ct) =>
        await ReadAsync(SqlCommands.Create(c, tx, SelectAllSql), ct);

    public async Task<Subscriber?> GetAsync(SqliteConnection c, SqliteTransaction? tx, string id, CancellationToken ct) =>
        (await ReadAsync(SqlCommands.Create(c, tx, SelectOneSql, ("$id", id)), ct)).FirstOrDefault();

    public async Task<Subscriber?> FindAsync(SqliteConnection c, SqliteTransaction? tx, string kind, string address, CancellationToken ct) =>
        (await ReadAsync(SqlCommands.Create(c, tx, SelectByAddressSql, ("$kind", kind), ("$address", address)), ct)).FirstOrDefault();

    public Task InsertAsync(SqliteConnection c, SqliteTransaction tx, Subscriber s, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertSql, ct,
            ("$id", s.Id), ("$kind", s.Kind), ("$address", s.Address), ("$components", Json(s.Components)), ("$secret", s.Secret),
            ("$now", DbTime.ToDb(s.CreatedAt)), ("$sent", DbTime.ToDb(s.ConfirmationSentAt)), ("$confirmed", DbTime.ToDb(s.ConfirmedAt)));

    public async Task<bool> ConfirmAsync(SqliteConnection c, SqliteTransaction tx, string id, DateTimeOffset now, CancellationToken ct) =>
        await SqlCommands.ExecuteAsync(c, tx, ConfirmSql, ct, ("$id", id), ("$now", DbTime.ToDb(now))) == 1;

    public Task MarkConfirmationSentAsync(SqliteConnection c, SqliteTransaction tx, string id, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, SentSql, ct, ("$id", id), ("$now", DbTime.ToDb(now)));

    public Task SetComponentsAsync(SqliteConnection c, SqliteTransaction tx, string id, IReadOnlyList<string>? components, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, ComponentsSql, ct, ("$id", id), ("$components", Json(components)));

    public async Task<bool> DeleteAsync(SqliteConnection c, SqliteTransaction tx, string id, CancellationToken ct) =>
        await SqlCommands.ExecuteAsync(c, tx, DeleteSql, ct, ("$id", id)) == 1;

    public Task MarkFailingAsync(SqliteConnection c, SqliteTransaction? tx, string id, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, FailingSql, ct, ("$id", id), ("$now", DbTime.ToDb(now)));

    public Task MarkHealthyAsync(SqliteConnection c, SqliteTransaction? tx, string id, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, HealthySql, ct, ("$id", id));

    public Task DisableAsync(SqliteConnection c, SqliteTransaction? tx, string id, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, DisableSql, ct, ("$id", id), ("$now", DbTime.ToDb(now)));

    private static string? Json(IReadOnlyList<string>? components) => components is null ? null : JsonSerializer.Serialize(components);

    private static async Task<IReadOnlyList<Subscriber>> ReadAsync(SqliteCommand command, CancellationToken ct)
    {
        await using var owned = command;
        var list = new List<Subscriber>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new Subscriber(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<List<string>>(reader.GetString(3)),
                SqlCommands.NullableString(reader, 4), DbTime.FromDb(reader.GetInt64(5)),
                DbTime.FromDbNullable(reader.GetValue(6)), DbTime.FromDbNullable(reader.GetValue(7)),
                DbTime.FromDbNullable(reader.GetValue(8)), DbTime.FromDbNullable(reader.GetValue(9))));
        }

        return list;
    }
}
