using System.Text.Encodings.Web;

namespace StatusSite.Public.Html;

/// <summary>Encoding helper: every piece of data goes through here before it reaches markup.</summary>
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
}
