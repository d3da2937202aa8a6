namespace MailOutbox;

/// <summary>A deliberately plain address check shared by both programs: one '@', a dotted domain, no spaces, brackets or separators, at most 254 characters.</summary>
public static class MailAddressRule
{
    public static bool IsValid(string? value) =>
        value is { Length: > 2 and <= 254 } && value.Count(ch => ch == '@') == 1 && value.IndexOf('@') > 0
        && value[(value.IndexOf('@') + 1)..].Contains('.') && !value.Any(ch => char.IsWhiteSpace(ch) || ch is '<' or '>' or ',' or ';' or '"')
        && MimeKit.MailboxAddress.TryParse(value, out _);

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();
}
