using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace SorryEdge.Portal;

/// <summary>Small HTML helpers: every value from outside goes through <see cref="E"/>.</summary>
internal static class PortalHtml
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? $"<time datetime=\"{t.UtcDateTime:O}\">{t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>" : "—";

    /// <summary>The hidden antiforgery field every form carries.</summary>
    public static string Antiforgery(HttpContext context) =>
        (context.Features.Get<PortalFormToken>() ?? throw new InvalidOperationException("A portal form was rendered outside the portal's endpoint group (no PortalFormTokenFilter).")).Field;

    /// <summary>A one-button form (no JavaScript needed).</summary>
    public static string Button(HttpContext context, string action, string label, string css = "", string hidden = "") =>
        $"<form method=\"post\" action=\"{E(action)}\" class=\"inline\">{Antiforgery(context)}{hidden}<button type=\"submit\" class=\"{css}\">{E(label)}</button></form>";

}
