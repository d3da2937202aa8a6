using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Data;
using SorryEdge.Operations;
using SorryEdge.Sites;
using SqliteKit;

namespace SorryEdge.Customers;

/// <summary>Customers and API tokens: random 256-bit secrets, shown once, stored as SHA-256.</summary>
internal sealed class CustomerStore(EdgeDatabase database, IOptionsMonitor<EdgeOptions> options, TimeProvider time, ICustomerLedger? ledger = null) : ICustomerDirectory
{
    public const string TokenPrefix = "se_";

    private const string InsertCustomer = "INSERT INTO customers (id, name, created_at) VALUES ($id, $name, $at)";
    private const string SelectCustomers = "SELECT id, name, created_at FROM customers ORDER BY id";
    private const string SelectCustomer = "SELECT id, name, created_at FROM customers WHERE id = $id";
    private const string InsertToken = """
        INSERT INTO tokens (id, hash, scope, customer_id, name, created_at) VALUES ($id, $hash, $scope, $customer, $name, $at)
        """;
    private const string SelectTokenByHash = "SELECT id, scope, customer_id FROM tokens WHERE hash = $hash AND revoked_at IS NULL";
    private const string SelectTokens = "SELECT id, scope, customer_id, name, created_at, revoked_at FROM tokens ORDER BY created_at";
    private const string RevokeToken = "UPDATE tokens SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
    private const string UpsertCustomer = """
        INSERT INTO customers (id, name, created_at) VALUES ($id, $name, $at) ON CONFLICT(id) DO UPDATE SET name = excluded.name
        """;
    private const string UpsertToken = """
        INSERT INTO tokens (id, hash, scope, customer_id, name, created_at, revoked_at) VALUES ($id, $hash, $scope, $customer, $name, $at, $revoked)
        ON CONFLICT(id) DO UPDATE SET revoked_at = excluded.revoked_at, name = excluded.name
        """;
    private const string SelectTokenActive = "SELECT COUNT(*) FROM tokens WHERE id = $id AND revoked_at IS NULL";

    // Validated tokens by hash; cleared on every revocation so a revoked token stops at once.
    private readonly ConcurrentDictionary<string, AdminPrincipal> _cache = new(StringComparer.Ordinal);

    // Bumped by every revocation: a validation that read the database before it must not cache.
    private long _generation;

    public async Task<Customer?> CreateCustomerAsync(string id, string name, CancellationToken cancellationToken)
    {
        var customer = new Customer(id, name, time.GetUtcNow());
        if (ledger is not null)
        {
            return await ledger.CreateCustomerAsync(customer, cancellationToken) ? customer : null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = InsertCustomer;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", Format(customer.CreatedAt));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return null;
        }

        return customer;
    }

    public async Task<IReadOnlyList<Customer>> ListCustomersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectCustomers;
        var list = new List<Customer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Customer(reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2))));
        }

        return list;
    }

    public async Task<bool> ExistsAsync(string customerId, CancellationToken cancellationToken) =>
        await GetCustomerAsync(customerId, cancellationToken) is not null;

    public async Task<Customer?> GetCustomerAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectCustomer;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Customer(reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2))) : null;
    }

    /// <summary>Creates a token; a customer token when <paramref name="customerId"/> is given, else a staff token.</summary>
    public async Task<IssuedToken> IssueTokenAsync(string? customerId, string name, CancellationToken cancellationToken)
    {
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var issued = new IssuedToken("tok_" + Base64Url(RandomNumberGenerator.GetBytes(9)), secret, customerId is null ? "staff" : "customer", customerId, name, time.GetUtcNow());
        if (ledger is not null)
        {
            await ledger.IssueTokenAsync(issued, Hash(secret), cancellationToken);
            return issued;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = InsertToken;
        command.Parameters.AddWithValue("$id", issued.Id);
        command.Parameters.AddWithValue("$hash", Hash(secret));
        command.Parameters.AddWithValue("$scope", issued.Scope);
        command.Parameters.AddWithValue("$customer", (object?)customerId ?? DBNull.Value);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", Format(issued.CreatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return issued;
    }

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectTokens;
        var list = new List<TokenInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new TokenInfo(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                Parse(reader.GetString(4)), reader.IsDBNull(5) ? null : Parse(reader.GetString(5))));
        }

        return list;
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        if (ledger is not null)
        {
            var revokedInCluster = await ledger.RevokeTokenAsync(id, time.GetUtcNow(), cancellationToken);
            ForgetValidated();
            return revokedInCluster;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = RevokeToken;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", Format(time.GetUtcNow()));
        var revoked = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        ForgetValidated();
        return revoked;
    }

    /// <summary>Mirrors a customer from the cluster store into the local copy.</summary>
    internal async Task ApplyCustomerReplicaAsync(string id, string name, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqlCommands.Create(connection, null, UpsertCustomer, ("$id", id), ("$name", name), ("$at", Format(createdAt)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Mirrors a token (its hash) from the cluster store; a revocation stops it here at once.</summary>
    internal async Task ApplyTokenReplicaAsync(string id, string hash, string scope, string? customerId, string name, DateTimeOffset createdAt, DateTimeOffset? revokedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqlCommands.Create(connection, null, UpsertToken, ("$id", id), ("$hash", hash), ("$scope", scope), ("$customer", (object?)customerId ?? DBNull.Value),
            ("$name", name), ("$at", Format(createdAt)), ("$revoked", revokedAt is { } at ? Format(at) : DBNull.Value));
        await command.ExecuteNonQueryAsync(cancellationToken);
        ForgetValidated();
    }

    private void ForgetValidated()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    /// <summary>Whether a token id still exists unrevoked (portal sessions re-check this on every request).</summary>
    public async Task<bool> IsActiveAsync(string id, CancellationToken cancellationToken)
    {
        if (id == "bootstrap")
        {
            // A portal session opened with the bootstrap token ends when the token is unset.
            return options.CurrentValue.Admin.BootstrapToken is not null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectTokenActive;
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    public async ValueTask<AdminPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var generation = Interlocked.Read(ref _generation);
        if (_cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectTokenByHash;
        command.Parameters.AddWithValue("$hash", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var principal = new AdminPrincipal(reader.GetString(0), reader.GetString(1) == "staff", reader.IsDBNull(2) ? null : reader.GetString(2));
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache[hash] = principal;
        }

        return principal;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Format(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
