namespace StatusSite.Markdown;

/// <summary>Decides whether a link target may reach a visitor: http(s), mailto and same-site paths only.</summary>
internal static class UrlSafety
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so must we.
        var compact = new string(url.Where(ch => !char.IsControl(ch) && !char.IsWhiteSpace(ch)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon))
        {
            // No scheme: a relative reference; "//host" is protocol-relative and still http(s).
            return !compact.StartsWith('\\');
        }

        var scheme = compact[..colon].ToLowerInvariant();
        return AllowedSchemes.Contains(scheme);
    }
}
