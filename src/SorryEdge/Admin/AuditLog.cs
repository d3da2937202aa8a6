using System.Globalization;
using SorryEdge.Data;
using SorryEdge.Events;

namespace SorryEdge.Admin;

/// <summary>
/// The record of every admin API call: who (token id), what, on which site, and the answer; a call that
/// created its site carries the action <see cref="EventKinds.SiteCreated"/>.
/// </summary>
internal sealed class AuditLog(EdgeDatabase database, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO audit (at, token_id, method, path, status, site_id, action) VALUES ($at, $token, $method, $path, $status, $site, $action)
        """;
    private const string Select = $"""
        SELECT id, at, token_id, method, path, status, site_id FROM audit
        WHERE ($site IS NULL OR site_id = $site) AND at >= $since AND at < $until
          -- The site's own history starts at its latest creation: a customer who re-creates an old
          -- id never reads calls made on it before (by the previous owner, or against the gap).
          AND ($current = 0 OR id >= COALESCE((SELECT MAX(id) FROM audit WHERE site_id = $site AND action = '{EventKinds.SiteCreated}'), 0))
        ORDER BY id DESC LIMIT $limit
        """;

    /// <param name="action">What the call did, when a reader needs it by name (<see cref="EventKinds.SiteCreated"/>); otherwise null.</param>
    public async Task RecordAsync(string? tokenId, string method, string path, int status, string? siteId, string? action, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Insert;
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$token", (object?)tokenId ?? DBNull.Value);
        command.Parameters.AddWithValue("$method", method);
        command.Parameters.AddWithValue("$path", path.Length > 500 ? path[..500] : path);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$site", (object?)siteId ?? DBNull.Value);
        command.Parameters.AddWithValue("$action", (object?)action ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <param name="currentSiteOnly">Only calls made since the site was last created (the site's own history).</param>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? siteId, DateTimeOffset? since, DateTimeOffset? until, int limit, bool currentSiteOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select;
        command.Parameters.AddWithValue("$site", (object?)siteId ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", (since ?? DateTimeOffset.MinValue).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$until", (until ?? DateTimeOffset.MaxValue).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$current", currentSiteOnly && siteId is not null ? 1 : 0);
        var list = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return list;
    }
}
