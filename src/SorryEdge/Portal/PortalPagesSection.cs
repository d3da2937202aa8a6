using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Pages;
using SorryEdge.Sites;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>The sorry-page part of a site's page: upload, review with an in-place preview, versions.</summary>
internal static class PortalPagesSection
{
    public static string Render(HttpContext context, SiteEntry entry, IReadOnlyList<PageVersion> versions, int? review)
    {
        var path = PortalSitePage.Path(entry);
        var html = new StringBuilder();
        html.Append("<section class=\"card\" aria-labelledby=\"page-h\"><h2 id=\"page-h\">Sorry page</h2>")
            .Append("<form method=\"post\" action=\"").Append(path).Append("/pages\" enctype=\"multipart/form-data\">").Append(Antiforgery(context))
            .Append("<label for=\"page-file\">Upload a page (.html, or .zip with index.html and assets)</label>")
            .Append("<input type=\"file\" id=\"page-file\" name=\"file\" accept=\".html,.htm,.zip\" required aria-describedby=\"page-hint\">")
            .Append("<p class=\"hint\" id=\"page-hint\">The upload is stored, not activated: you review it here first. Reference assets as <code>/.sorry/name</code> so they load while your backends are down.</p>")
            .Append("<button type=\"submit\" id=\"upload\">Upload for review</button></form>");

        if (review is { } v && versions.FirstOrDefault(x => x.Version == v) is { } reviewed)
        {
            html.Append(Review(context, entry, reviewed));
        }

        if (versions.Count == 0)
        {
            html.Append("<p>No uploads yet: the edge's default sorry page is used.</p>");
        }
        else
        {
            html.Append("<h3>Versions</h3><table><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Uploaded</th><th scope=\"col\">Files</th><th scope=\"col\">Warnings</th><th scope=\"col\">State</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
            foreach (var version in versions)
            {
                var number = version.Version.ToString(CultureInfo.InvariantCulture);
                html.Append("<tr><td>").Append(number).Append("</td><td>").Append(Time(version.CreatedAt)).Append("</td><td>").Append(version.Files)
                    .Append(" (").Append(version.Bytes).Append(" bytes)</td><td>").Append(version.Warnings.Count).Append("</td><td>")
                    .Append(version.Active ? "<span class=\"state ok\">Active</span>" : "<span class=\"state warn\">Stored, not active</span>")
                    .Append("</td><td><a href=\"").Append(path).Append("?review=").Append(number).Append("#review\">Preview</a> ");
                if (!version.Active)
                {
                    html.Append(Button(context, $"{path}/pages/{number}/activate", "Activate"));
                }

                html.Append("</td></tr>");
            }

            html.Append("</tbody></table><p>").Append(Button(context, $"{path}/pages/rollback", "Roll back to the previous version", "secondary"))
                .Append(' ').Append(Button(context, $"{path}/pages/default", "Use the edge's default page", "secondary")).Append("</p>");
        }

        return html.Append("</section>").ToString();
    }

    private static string Review(HttpContext context, SiteEntry entry, PageVersion version)
    {
        var path = PortalSitePage.Path(entry);
        var number = version.Version.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<div id=\"review\" class=\"card\"><h3>Version ").Append(number).Append(version.Active ? " (active)" : " (stored, not active)").Append("</h3>");
        if (version.Warnings.Count > 0)
        {
            html.Append("<div class=\"notice warn\" role=\"status\"><strong>Warnings</strong><ul>");
            foreach (var warning in version.Warnings)
            {
                html.Append("<li>").Append(E(warning)).Append("</li>");
            }

            html.Append("</ul></div>");
        }
        else
        {
            html.Append("<p class=\"notice ok\">No warnings.</p>");
        }

        html.Append("<iframe class=\"preview\" id=\"preview\" title=\"Preview of version ").Append(number).Append("\" src=\"").Append(path).Append("/pages/").Append(number).Append("/preview/\"></iframe>");
        if (!version.Active)
        {
            html.Append("<p>").Append(Button(context, $"{path}/pages/{number}/activate", $"Activate version {number}")).Append("</p>");
        }

        return html.Append("</div>").ToString();
    }
}
