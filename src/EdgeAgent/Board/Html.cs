using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace EdgeAgent.Board;

/// <summary>Small helpers for the server-rendered board: encoding, the page frame, status badges.</summary>
internal static class Html
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;background:#fafafa}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        .badge{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;font-weight:600;color:#fff}
        .ok,.green{background:#1e7b34}.warning,.orange{background:#b85c00}.critical,.red{background:#b00020}.unknown{background:#5c5c8a}
        .verdict{padding:1rem;border-radius:.5rem;color:#fff;font-size:1.3rem;margin-bottom:1rem}
        .soft{opacity:.75;font-style:italic}dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1rem}dt{font-weight:600}
        a{color:#0b57d0}svg{background:#fff;border:1px solid #ddd}
        """;

    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="10"><title>{E(title)}</title><style>{Style}</style></head>
        <body>{body}</body></html>
        """;

    public static string Badge(string status, bool hard, bool flapping)
    {
        var text = new StringBuilder(status.ToUpperInvariant());
        if (!hard)
        {
            text.Append(" (soft)");
        }

        if (flapping)
        {
            text.Append(" (flapping)");
        }

        return $"<span class=\"badge {E(status)}{(hard ? string.Empty : " soft")}\">{E(text.ToString())}</span>";
    }

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? $"<time datetime=\"{t:O}\">{t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>" : "never";

    public static string Value(double? value, string unit) =>
        value is { } v ? E(string.Create(CultureInfo.InvariantCulture, $"{v:0.###} {unit}").Trim()) : "–";
}
