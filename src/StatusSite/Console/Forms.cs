using System.Text;
using StatusSite.Public.Html;

namespace StatusSite.Console;

/// <summary>Small builders for console form controls; every form carries the antiforgery token.</summary>
internal static class Forms
{
    public static string Open(string action, string token, string? css = null) =>
        $"<form method=\"post\" action=\"{Html.E(action)}\"{(css is null ? string.Empty : $" class=\"{css}\"")}>" +
        $"<input type=\"hidden\" name=\"__af\" value=\"{Html.E(token)}\">";

    public static string Select(string name, string label, IEnumerable<(string Value, string Text)> options, string? selected = null)
    {
        var sb = new StringBuilder();
        sb.Append("<label>").Append(Html.E(label)).Append("<select name=\"").Append(Html.E(name)).Append("\">");
        foreach (var (value, text) in options)
        {
            sb.Append("<option value=\"").Append(Html.E(value)).Append('"').Append(value == selected ? " selected" : string.Empty)
                .Append('>').Append(Html.E(text)).Append("</option>");
        }

        return sb.Append("</select></label>").ToString();
    }

    public static string Input(string name, string label, string type = "text", string? value = null, bool required = true) =>
        $"<label>{Html.E(label)}<input name=\"{Html.E(name)}\" type=\"{type}\"" +
        $"{(value is null ? string.Empty : $" value=\"{Html.E(value)}\"")}{(required ? " required" : string.Empty)}></label>";

    /// <summary>A Markdown field with live preview (script) and a Preview button that works without JavaScript.</summary>
    public static string Markdown(string id, string label)
    {
        var previewId = id + "-preview";
        return $"<label for=\"{id}\">{Html.E(label)} (Markdown)</label>" +
            $"<textarea id=\"{id}\" name=\"body\" required data-preview=\"{previewId}\"></textarea>" +
            $"<button type=\"submit\" class=\"secondary\" formaction=\"/console/preview\" formtarget=\"_blank\" formnovalidate>Preview</button>" +
            $"<div id=\"{previewId}\" class=\"update md\" aria-live=\"polite\"></div>";
    }
}
