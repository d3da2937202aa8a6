using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>The shared page frame: header with navigation and logout, one <c>h1</c>, the body.</summary>
internal static class PortalLayout
{
    // Only inline styles and same-origin frames (the preview); the portal itself runs no script.
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Page(HttpContext context, string title, string body, int status = StatusCodes.Status200OK)
    {
        var principal = context.User.ToAdminPrincipal();
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        html.Append("<title>").Append(E(title)).Append(" · SorryEdge portal</title><style>").Append(PortalStyles.Css).Append("</style></head><body>");
        html.Append("<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"top\"><a class=\"brand\" href=\"/portal\">SorryEdge portal</a>");
        if (principal is not null)
        {
            html.Append("<nav aria-label=\"Main\"><a href=\"/portal\">Sites</a>");
            if (principal.IsStaff)
            {
                html.Append("<a href=\"/portal/customers\">Customers</a><a href=\"/portal/cluster\">Cluster</a>");
            }

            html.Append("</nav><span class=\"who\">").Append(principal.IsStaff ? "Staff" : "Customer " + E(principal.CustomerId)).Append("</span>");
            html.Append(Button(context, "/portal/logout", "Log out", "secondary"));
        }

        html.Append("</header><main id=\"main\"><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        context.Response.Headers.ContentSecurityPolicy = Policy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Notice(HttpContext context, string title, string message, int status) =>
        Page(context, title, $"<p class=\"notice bad\" role=\"alert\">{E(message)}</p><p><a href=\"/portal\">Back to your sites</a></p>", status);

    public static IResult NotFound(HttpContext context) =>
        Notice(context, "Not found", "There is nothing here, or it is not yours.", StatusCodes.Status404NotFound);
}
