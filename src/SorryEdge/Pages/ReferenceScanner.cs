using System.Text;
using System.Text.RegularExpressions;
using SorryEdge.Takeover;

namespace SorryEdge.Pages;

/// <summary>
/// Finds references in a page that will break or leak while the backend is down: paths on the
/// site's own host outside <c>/.sorry/</c> (they reach the dead backend), relative paths (they
/// resolve against whatever URL the visitor asked for), and other hosts.
/// </summary>
internal static partial class ReferenceScanner
{
    private const int MaxWarnings = 50;

    public static IReadOnlyList<string> Scan(IReadOnlyDictionary<string, byte[]> files, IReadOnlyList<string> siteHosts)
    {
        var warnings = new List<string>();
        foreach (var (path, bytes) in files)
        {
            var ext = Path.GetExtension(path).ToLowerInvariant();
            if (ext is not (".html" or ".htm" or ".css"))
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(bytes);
            var refs = ext == ".css" ? CssUrl().Matches(text).Select(m => m.Groups[1].Value)
                : Attribute().Matches(text).Select(m => m.Groups[2].Value).Concat(CssUrl().Matches(text).Select(m => m.Groups[1].Value));
            foreach (var raw in refs)
            {
                if (Check(path, raw.Trim().Trim('"', '\''), siteHosts) is { } warning && !warnings.Contains(warning))
                {
                    warnings.Add(warning);
                }

                if (warnings.Count >= MaxWarnings)
                {
                    return warnings;
                }
            }
        }

        return warnings;
    }

    private static string? Check(string file, string reference, IReadOnlyList<string> siteHosts)
    {
        if (reference.Length == 0 || reference.StartsWith('#')
            || reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || reference.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            || reference.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (reference.StartsWith("//", StringComparison.Ordinal) || reference.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(reference.StartsWith("//", StringComparison.Ordinal) ? "https:" + reference : reference, UriKind.Absolute, out var uri))
            {
                return $"{file}: '{reference}' is not a valid URL";
            }

            var own = siteHosts.Any(h => string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase));
            if (own)
            {
                return uri.AbsolutePath.StartsWith(TakeoverResponder.ReservedPrefix, StringComparison.Ordinal)
                    ? null
                    : $"{file}: '{reference}' is on the site's own host outside /.sorry/ — it will be broken while the backend is down";
            }

            return $"{file}: '{reference}' loads from another host ({uri.Host}) — it may be down too, and it sees your visitors";
        }

        if (reference.StartsWith('/'))
        {
            return reference.StartsWith(TakeoverResponder.ReservedPrefix, StringComparison.Ordinal)
                ? null
                : $"{file}: '{reference}' is on the site's own host outside /.sorry/ — it will be broken while the backend is down";
        }

        // Assets are served under /.sorry/, where their own relative references resolve correctly;
        // index.html is served at whatever URL the visitor asked for.
        if (file != "index.html")
        {
            return null;
        }

        return $"{file}: '{reference}' is relative and resolves against the visitor's URL; write it as /.sorry/{reference.TrimStart('.', '/')}";
    }

    [GeneratedRegex("""\b(src|href|action|poster)\s*=\s*["']([^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    [GeneratedRegex("""url\(\s*([^)]*?)\s*\)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
