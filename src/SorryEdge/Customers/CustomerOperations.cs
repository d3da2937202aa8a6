using System.Text.RegularExpressions;
using SorryEdge.Operations;

namespace SorryEdge.Customers;

/// <summary>
/// Customers and their tokens, for the admin API and the portal alike: staff create customers and
/// issue tokens; a customer sees and revokes only its own tokens. A token's secret is answered once.
/// </summary>
internal sealed partial class CustomerOperations(CustomerStore store)
{
    private static readonly Refusal StaffOnly = Refusal.Forbidden("Only staff tokens may do this");

    /// <summary>Refused unless the caller is staff: customers, tokens of others and the whole audit log are staff's.</summary>
    public static Refusal? CheckStaff(AdminPrincipal caller) => caller.IsStaff ? null : StaffOnly;

    public async Task<Outcome<Customer>> CreateCustomerAsync(AdminPrincipal caller, string? id, string? name, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            return StaffOnly;
        }

        var errors = new Dictionary<string, string[]>();
        if (id is null || !IdPattern().IsMatch(id))
        {
            errors["id"] = ["must be 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit"];
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["must be 1–200 characters"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        return await store.CreateCustomerAsync(id!, name!, cancellationToken) is { } customer
            ? customer
            : Refusal.Conflict("A customer with that id exists", $"'{id}' is taken; choose another id.");
    }

    /// <summary>Issues a token for <paramref name="customerId"/>, or a staff token when it is null.</summary>
    public async Task<Outcome<IssuedToken>> IssueTokenAsync(AdminPrincipal caller, string? customerId, string? name, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            return StaffOnly;
        }

        if (customerId is not null && await store.GetCustomerAsync(customerId, cancellationToken) is null)
        {
            return Refusal.NotFound($"Customer '{customerId}'");
        }

        var label = name?.Trim() is { Length: > 0 and <= 200 } given ? given : customerId is null ? "staff token" : "token";
        return await store.IssueTokenAsync(customerId, label, cancellationToken);
    }

    /// <summary>Revokes a token: staff any, a customer its own; anything else answers as if absent.</summary>
    public async Task<Outcome<TokenInfo>> RevokeAsync(AdminPrincipal caller, string tokenId, CancellationToken cancellationToken)
    {
        var token = (await store.ListTokensAsync(cancellationToken)).FirstOrDefault(t => t.Id == tokenId);
        if (token is null || (!caller.IsStaff && token.Customer != caller.CustomerId))
        {
            return Refusal.NotFound($"Token '{tokenId}'");
        }

        await store.RevokeAsync(tokenId, cancellationToken);
        return token;
    }

    public async Task<IReadOnlyList<Customer>> ListCustomersAsync(AdminPrincipal caller, CancellationToken cancellationToken)
    {
        var all = await store.ListCustomersAsync(cancellationToken);
        return caller.IsStaff ? all : all.Where(c => c.Id == caller.CustomerId).ToList();
    }

    public async Task<Outcome<Customer>> GetCustomerAsync(AdminPrincipal caller, string id, CancellationToken cancellationToken) =>
        (caller.IsStaff || caller.CustomerId == id) && await store.GetCustomerAsync(id, cancellationToken) is { } customer
            ? customer
            : Refusal.NotFound($"Customer '{id}'");

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(AdminPrincipal caller, CancellationToken cancellationToken)
    {
        var all = await store.ListTokensAsync(cancellationToken);
        return caller.IsStaff ? all : all.Where(t => t.Customer == caller.CustomerId).ToList();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();
}
