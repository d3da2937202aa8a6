using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StatusSite.Markdown;

/// <summary>
/// Renders staff Markdown for visitors: raw HTML is escaped (DisableHtml), and links or images whose
/// target is not http(s)/mailto/relative lose their target, so no script ever reaches a page.
/// </summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LinkInline link when !UrlSafety.IsSafe(link.Url):
                    link.Url = "#";
                    link.IsImage = false;
                    break;
                case LinkInline { IsImage: true } image:
                    // Images would make visitors fetch third-party URLs; show them as links instead.
                    image.IsImage = false;
                    break;
                case AutolinkInline autolink when !UrlSafety.IsSafe(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    autolink.Url = "#";
                    break;
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Plain text for feeds' summaries and iCal descriptions.</summary>
    public static string ToPlainText(string markdown) => Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();
}
