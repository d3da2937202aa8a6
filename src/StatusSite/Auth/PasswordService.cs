using Microsoft.AspNetCore.Identity;
using StatusSite.Data;

namespace StatusSite.Auth;

/// <summary>Staff passwords through ASP.NET Core's PasswordHasher (PBKDF2-HMAC-SHA512, salted, iterated).</summary>
internal sealed class PasswordService(StatusDatabase database, UserStore users, TimeProvider time)
{
    private readonly PasswordHasher<string> _hasher = new();

    public async Task SetAsync(string username, string password, CancellationToken ct)
    {
        var hash = _hasher.HashPassword(username, password);
        await database.WriteAsync(async (c, tx) =>
        {
            await users.UpsertAsync(c, tx, username, hash, time.GetUtcNow(), ct);
            return true;
        }, ct);
    }

    public async Task<bool> VerifyAsync(string username, string password, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var hash = await users.GetHashAsync(connection, username, ct);
        if (hash is null)
        {
            // Hash anyway so a missing user takes as long as a wrong password.
            _hasher.HashPassword(username, password);
            return false;
        }

        return _hasher.VerifyHashedPassword(username, hash, password) != PasswordVerificationResult.Failed;
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await users.CountAsync(connection, ct) > 0;
    }
}
