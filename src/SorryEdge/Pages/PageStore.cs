using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Data;
using SorryEdge.Sites;
using SorryEdge.Takeover;
using static SqliteKit.SqlCommands;

namespace SorryEdge.Pages;

/// <summary>
/// Versions of each site's sorry page. Files are written to a temporary folder, flushed, and
/// renamed into place; only then does one SQLite transaction make the version active. A crash
/// at any point leaves the previous page active; folders no row points to are removed at start.
/// The active bundles are also held in memory (loaded at start, replaced on activation), so an
/// outage never reads the disk for a sorry page.
/// </summary>
internal sealed partial class PageStore(EdgeDatabase database, IOptions<UploadOptions> options, TimeProvider time, ILogger<PageStore> logger, IPageLedger? ledger = null) : ISorryBundleSource, ISiteFiles
{
    private const string SelectVersions = "SELECT version, created_at, files, bytes, sha256, warnings, active FROM sorry_pages WHERE site_id = $site ORDER BY version DESC";
    private const string SelectActive = "SELECT version FROM sorry_pages WHERE site_id = $site AND active = 1";
    private const string NextVersion = "SELECT COALESCE(MAX(version), 0) + 1 FROM sorry_pages WHERE site_id = $site";
    private const string Insert = """
        INSERT INTO sorry_pages (site_id, version, created_at, files, bytes, sha256, warnings, active, token_id)
        VALUES ($site, $version, $at, $files, $bytes, $sha, $warnings, 0, $token)
        """;
    private const string Deactivate = "UPDATE sorry_pages SET active = 0 WHERE site_id = $site";
    private const string Activate = "UPDATE sorry_pages SET active = 1 WHERE site_id = $site AND version = $version";
    private const string DeleteVersion = "DELETE FROM sorry_pages WHERE site_id = $site AND version = $version AND active = 0";
    private const string InsertReplica = """
        INSERT INTO sorry_pages (site_id, version, created_at, files, bytes, sha256, warnings, active, token_id)
        VALUES ($site, $version, $at, $files, $bytes, $sha, $warnings, 0, $token) ON CONFLICT DO NOTHING
        """;
    private const string DeleteReplica = "DELETE FROM sorry_pages WHERE site_id = $site AND version = $version";
    private const string SelectAllVersions = "SELECT site_id, version FROM sorry_pages";
    private const string SelectAllActive = "SELECT site_id, version FROM sorry_pages WHERE active = 1";

    private readonly ConcurrentDictionary<string, SorryBundle> _active = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Test hook: runs at named points of a write, so a test can stop it there like a crash.</summary>
    internal Func<string, Task>? FaultPoint { get; set; }

    private string Root => Path.Combine(database.DataDirectory, "pages");

    public async Task<PageVersion> SaveAsync(string siteId, ValidatedBundle bundle, bool activate, string? tokenId, CancellationToken cancellationToken)
    {
        if (ledger is not null)
        {
            return await ledger.SaveAsync(siteId, bundle, activate, tokenId, cancellationToken);
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var version = Convert.ToInt32(await ScalarAsync(connection, null, NextVersion, cancellationToken, ("$site", siteId)), CultureInfo.InvariantCulture);
            await WriteFolderAsync(siteId, version, bundle.Files, cancellationToken);
            var sha = ContentHash(bundle.Files);
            var warnings = JsonSerializer.Serialize(bundle.Warnings);
            var at = time.GetUtcNow();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, Insert, cancellationToken, ("$site", siteId), ("$version", version), ("$at", at.ToString("O", CultureInfo.InvariantCulture)),
                ("$files", bundle.Files.Count), ("$bytes", bundle.Bytes), ("$sha", sha), ("$warnings", warnings), ("$token", (object?)tokenId ?? DBNull.Value));
            if (activate)
            {
                await ExecuteAsync(connection, transaction, Deactivate, cancellationToken, ("$site", siteId));
                await ExecuteAsync(connection, transaction, Activate, cancellationToken, ("$site", siteId), ("$version", version));
            }

            await Fault("before-commit");
            await transaction.CommitAsync(cancellationToken);
            if (activate)
            {
                SetActive(siteId, new SorryBundle(version, bundle.Files));
            }

            await PruneAsync(connection, siteId, cancellationToken);
            return new PageVersion(version, at, bundle.Files.Count, bundle.Bytes, sha, bundle.Warnings, activate);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The hash a version is known by: SHA-256 of its files' bytes in path order.</summary>
    public static string ContentHash(IReadOnlyDictionary<string, byte[]> files) =>
        Convert.ToHexStringLower(SHA256.HashData(files.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value).ToArray()));

    /// <summary>Stores a version that came from the cluster store (inactive; activation follows separately).</summary>
    internal async Task StoreReplicaAsync(string siteId, PageVersion meta, IReadOnlyDictionary<string, byte[]> files, string? tokenId, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            if (await ScalarAsync(connection, null, "SELECT COUNT(*) FROM sorry_pages WHERE site_id = $site AND version = $version", cancellationToken,
                ("$site", siteId), ("$version", meta.Version)) is long and > 0)
            {
                return;
            }

            await WriteFolderAsync(siteId, meta.Version, files, cancellationToken);
            await ExecuteAsync(connection, null, InsertReplica, cancellationToken, ("$site", siteId), ("$version", meta.Version),
                ("$at", meta.CreatedAt.ToString("O", CultureInfo.InvariantCulture)), ("$files", meta.Files), ("$bytes", meta.Bytes), ("$sha", meta.Sha256),
                ("$warnings", JsonSerializer.Serialize(meta.Warnings)), ("$token", (object?)tokenId ?? DBNull.Value));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Removes a version the cluster store no longer has.</summary>
    internal async Task DeleteReplicaAsync(string siteId, int version, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, DeleteReplica, cancellationToken, ("$site", siteId), ("$version", version));
            TryDelete(VersionFolder(siteId, version));
            if (GetActive(siteId)?.Version == version)
            {
                SetActive(siteId, null);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WriteFolderAsync(string siteId, int version, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        await DiskWork.LeaveSocketThreadAsync();
        var folder = VersionFolder(siteId, version);
        var temp = Path.Combine(Root, siteId, $".tmp-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            foreach (var (path, bytes) in files)
            {
                var target = Path.Combine(temp, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
                await file.WriteAsync(bytes, cancellationToken);
                file.Flush(flushToDisk: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk: leave nothing behind (the caller answers 507/503).
            try
            {
                TryDelete(temp);
            }
            catch (IOException)
            {
                // Read-only: nothing could be written either; start-up removes what is left.
            }

            throw;
        }

        await Fault("files-written");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.Move(temp, folder);
        await Fault("folder-renamed");
    }

    public async Task<IReadOnlyList<PageVersion>> ListAsync(string siteId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectVersions;
        command.Parameters.AddWithValue("$site", siteId);
        var list = new List<PageVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new PageVersion(reader.GetInt32(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetInt32(2),
                reader.GetInt64(3), reader.GetString(4), JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [], reader.GetInt64(6) != 0));
        }

        return list;
    }

    /// <summary>Makes a stored version active, or (null) returns the site to the default page. False when the version does not exist.</summary>
    public async Task<bool> ActivateAsync(string siteId, int? version, CancellationToken cancellationToken)
    {
        if (ledger is not null)
        {
            return await ledger.ActivateAsync(siteId, version, cancellationToken);
        }

        return await ActivateLocalAsync(siteId, version, cancellationToken);
    }

    /// <summary>Activates a version in the local copy (also what the cluster follower applies).</summary>
    internal async Task<bool> ActivateLocalAsync(string siteId, int? version, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, Deactivate, cancellationToken, ("$site", siteId));
            if (version is { } v && await ExecuteAsync(connection, transaction, Activate, cancellationToken, ("$site", siteId), ("$version", v)) == 0)
            {
                return false;
            }

            // Read before committing: a version whose files cannot be read is not made active.
            var files = version is { } read ? LoadFiles(siteId, read) : null;
            await transaction.CommitAsync(cancellationToken);
            SetActive(siteId, files is null ? null : new SorryBundle(version!.Value, files));
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Deletes an inactive version; answers false when it is active or missing.</summary>
    public async Task<bool> DeleteAsync(string siteId, int version, CancellationToken cancellationToken)
    {
        if (ledger is not null)
        {
            return await ledger.DeleteAsync(siteId, version, cancellationToken);
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            if (await ExecuteAsync(connection, null, DeleteVersion, cancellationToken, ("$site", siteId), ("$version", version)) == 0)
            {
                return false;
            }

            TryDelete(VersionFolder(siteId, version));
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Removes every version of a deleted site.</summary>
    public async Task DeleteSiteAsync(string siteId, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "DELETE FROM sorry_pages WHERE site_id = $site", cancellationToken, ("$site", siteId));
            SetActive(siteId, null);
            TryDelete(Path.Combine(Root, siteId));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public IReadOnlyDictionary<string, byte[]> LoadFiles(string siteId, int version)
    {
        var folder = VersionFolder(siteId, version);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
    }

    public event Action<string>? Changed;

    public SorryBundle? GetActive(string siteId) => _active.GetValueOrDefault(siteId);

    /// <summary>Loads every active bundle into memory; called at start, before the first request.</summary>
    public async Task LoadActiveAsync(CancellationToken cancellationToken)
    {
        var active = new List<(string Site, int Version)>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = SelectAllActive;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                active.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        foreach (var (site, version) in active)
        {
            try
            {
                SetActive(site, new SorryBundle(version, LoadFiles(site, version)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // During an outage the default page is better than no answer.
                LogBundleUnreadable(site, version, ex);
            }
        }
    }

    private void SetActive(string siteId, SorryBundle? bundle)
    {
        if (bundle is null)
        {
            _active.TryRemove(siteId, out _);
        }
        else
        {
            _active[siteId] = bundle;
        }

        Changed?.Invoke(siteId);
    }

    /// <summary>Removes folders that no stored version points to: what a crash mid-upload leaves behind.</summary>
    public async Task CleanOrphansAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = SelectAllVersions;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(VersionFolder(reader.GetString(0), reader.GetInt32(1)));
            }
        }

        foreach (var site in Directory.EnumerateDirectories(Root))
        {
            foreach (var folder in Directory.EnumerateDirectories(site).Where(f => !known.Contains(f)))
            {
                LogOrphanRemoved(folder);
                TryDelete(folder);
            }
        }
    }

    private async Task PruneAsync(SqliteConnection connection, string siteId, CancellationToken cancellationToken)
    {
        var versions = await ListAsync(siteId, cancellationToken);
        foreach (var old in versions.Where(v => !v.Active).Skip(Math.Max(0, options.Value.KeepVersions - (versions.Any(v => v.Active) ? 1 : 0))))
        {
            await ExecuteAsync(connection, null, DeleteVersion, cancellationToken, ("$site", siteId), ("$version", old.Version));
            TryDelete(VersionFolder(siteId, old.Version));
        }
    }

    private string VersionFolder(string siteId, int version) => Path.Combine(Root, siteId, version.ToString(CultureInfo.InvariantCulture));

    private async Task Fault(string point)
    {
        if (FaultPoint is { } fault)
        {
            await fault(point);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The active sorry page {Version} of site {Site} could not be read; the default page answers")]
    private partial void LogBundleUnreadable(string site, int version, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Folder}: an upload that never completed")]
    private partial void LogOrphanRemoved(string folder);
}
