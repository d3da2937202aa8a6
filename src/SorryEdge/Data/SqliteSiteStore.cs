using System.Text.Json;
using Microsoft.Data.Sqlite;
using SorryEdge.Events;
using SorryEdge.Http;
using SorryEdge.Sites;
using SqliteKit;

namespace SorryEdge.Data;

/// <summary>
/// The embedded site store: one SQLite transaction per write, so a write is all or nothing. In
/// cluster mode it is the node's local copy, written only by the cluster follower.
/// </summary>
internal sealed class SqliteSiteStore(EdgeDatabase database, SiteCatalog catalog, IEventRecorder events, TimeProvider time) : ISiteStore
{
    private const string SelectAll = "SELECT config, latched, version, updated_at FROM sites ORDER BY id";
    private const string SelectOne = "SELECT config, latched, version, updated_at FROM sites WHERE id = $id";
    private const string Replica = """
        INSERT INTO sites (id, config, latched, version, updated_at) VALUES ($id, $config, $latched, $version, $at)
        ON CONFLICT(id) DO UPDATE SET config = excluded.config, latched = excluded.latched,
            version = excluded.version, updated_at = excluded.updated_at
        """;
    private const string DeleteHost = "DELETE FROM site_hosts WHERE hostname = $host";
    private const string Upsert = """
        INSERT INTO sites (id, config, latched, version, updated_at) VALUES ($id, $config, $latched, 1, $at)
        ON CONFLICT(id) DO UPDATE SET config = excluded.config, latched = excluded.latched,
            version = sites.version + 1, updated_at = excluded.updated_at
        """;
    private const string HostOwner = "SELECT site_id FROM site_hosts WHERE hostname = $host AND site_id <> $id";
    private const string DeleteHosts = "DELETE FROM site_hosts WHERE site_id = $id";
    private const string InsertHost = "INSERT INTO site_hosts (hostname, site_id) VALUES ($host, $id)";
    private const string DeleteSite = "DELETE FROM sites WHERE id = $id";
    private const string DeletePages = "DELETE FROM sorry_pages WHERE site_id = $id";

    // One writer at a time keeps read-modify-write updates (UpdateAsync) race-free.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public async Task<IReadOnlyList<SiteRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectAll;
        var result = new List<SiteRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    public async Task<SiteRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public async Task<SiteWriteResult> PutAsync(Site site, Func<SiteRecord?, EdgeEvent> describe, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var existing = await GetAsync(connection, transaction, site.Id, cancellationToken);
            foreach (var host in site.Hostnames)
            {
                await using var owner = SqlCommands.Create(connection, transaction, HostOwner, ("$host", host.ToLowerInvariant()), ("$id", site.Id));
                if (await owner.ExecuteScalarAsync(cancellationToken) is string other)
                {
                    return new SiteWriteResult(SiteWriteOutcome.HostnameTaken, null, host, other);
                }
            }

            var record = await WriteAsync(connection, transaction, site, existing?.Latched ?? false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // The catalog first: what follows an event (the status outbox) reads the state it produced.
            catalog.Apply(record);
            await events.RecordAsync(describe(existing), cancellationToken);
            return new SiteWriteResult(existing is null ? SiteWriteOutcome.Created : SiteWriteOutcome.Updated, record);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<SiteRecord?> UpdateAsync(string id, Func<SiteRecord, SiteRecord> change, Func<SiteRecord, SiteRecord, EdgeEvent?> describe, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var existing = await GetAsync(connection, transaction, id, cancellationToken);
            if (existing is null)
            {
                return null;
            }

            var changed = change(existing);
            if (ReferenceEquals(changed, existing))
            {
                return existing;
            }

            var record = await WriteAsync(connection, transaction, changed.Site with { Id = id }, changed.Latched, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            catalog.Apply(record);
            if (describe(existing, record) is { } happened)
            {
                await events.RecordAsync(happened, cancellationToken);
            }

            return record;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<bool> DeleteAsync(string id, EdgeEvent change, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = SqlCommands.Create(connection, transaction, DeleteSite, ("$id", id));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            // The site's pages go with it, so a new site under the same id never inherits them.
            await using var pages = SqlCommands.Create(connection, transaction, DeletePages, ("$id", id));
            await pages.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            catalog.Remove(id);
            await events.RecordAsync(change, cancellationToken);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Mirrors a record from the cluster store as it is (its version is the store's revision).</summary>
    public Task ApplyReplicaAsync(SiteRecord record, CancellationToken cancellationToken) => ApplyReplicasAsync([record], cancellationToken);

    /// <summary>Mirrors many records in one transaction (a resync: one fsync, not one per site).</summary>
    public async Task ApplyReplicasAsync(IReadOnlyList<SiteRecord> records, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            foreach (var record in records)
            {
                await WriteReplicaAsync(connection, transaction, record, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task WriteReplicaAsync(SqliteConnection connection, SqliteTransaction transaction, SiteRecord record, CancellationToken cancellationToken)
    {
        var site = record.Site;
        var config = JsonSerializer.Serialize(site, EdgeJson.Options);
        await using (var upsert = SqlCommands.Create(connection, transaction, Replica, ("$id", site.Id), ("$config", config), ("$latched", record.Latched ? 1 : 0),
            ("$version", record.Version), ("$at", record.UpdatedAt.ToString("O"))))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var clear = SqlCommands.Create(connection, transaction, DeleteHosts, ("$id", site.Id)))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var host in site.Hostnames)
        {
            // The cluster store keeps hostnames unique; a stale local row of another site yields.
            await using var steal = SqlCommands.Create(connection, transaction, DeleteHost, ("$host", host.ToLowerInvariant()));
            await steal.ExecuteNonQueryAsync(cancellationToken);
            await using var insert = SqlCommands.Create(connection, transaction, InsertHost, ("$host", host.ToLowerInvariant()), ("$id", site.Id));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Removes a site the cluster store no longer has from the local copy.</summary>
    public async Task RemoveReplicaAsync(string id, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = SqlCommands.Create(connection, null, DeleteSite, ("$id", id));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<SiteRecord> WriteAsync(SqliteConnection connection, SqliteTransaction transaction, Site site, bool latched, CancellationToken cancellationToken)
    {
        var config = JsonSerializer.Serialize(site, EdgeJson.Options);
        await using (var upsert = SqlCommands.Create(connection, transaction, Upsert, ("$id", site.Id), ("$config", config), ("$latched", latched ? 1 : 0), ("$at", time.GetUtcNow().ToString("O"))))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var clear = SqlCommands.Create(connection, transaction, DeleteHosts, ("$id", site.Id)))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var host in site.Hostnames)
        {
            await using var insert = SqlCommands.Create(connection, transaction, InsertHost, ("$host", host.ToLowerInvariant()), ("$id", site.Id));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return (await GetAsync(connection, transaction, site.Id, cancellationToken))!;
    }

    private static async Task<SiteRecord?> GetAsync(SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(connection, transaction, SelectOne, ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static SiteRecord Read(SqliteDataReader reader) => new(
        JsonSerializer.Deserialize<Site>(reader.GetString(0), EdgeJson.Options)!,
        reader.GetInt64(1) != 0,
        reader.GetInt64(2),
        DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture));
}
