namespace SorryEdge.Operations;

/// <summary>Who is calling the admin API: a token id and its scope.</summary>
/// <param name="TokenId">The token's id, recorded in the audit log (never the token itself).</param>
/// <param name="IsStaff">Staff see and change every site.</param>
/// <param name="CustomerId">For customer tokens, the customer whose sites they may see.</param>
internal sealed record AdminPrincipal(string TokenId, bool IsStaff, string? CustomerId)
{
    public string Actor => "token:" + TokenId;
}
