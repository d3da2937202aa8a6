using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Cluster;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>Staff only: the cluster as this edge sees it — nodes, overseer, the store's health, lag.</summary>
internal static class PortalClusterPage
{
    public static void Map(RouteGroupBuilder portal) => portal.MapGet("/cluster", Show);

    private static IResult Show(HttpContext context, ClusterReport report)
    {
        if (!context.User.RequireAdminPrincipal().IsStaff)
        {
            return PortalLayout.NotFound(context);
        }

        var status = report.Describe();
        var html = new StringBuilder();
        if (status.Mode == "single")
        {
            html.Append("<p>This edge runs as a single node (embedded SQLite, no etcd): cluster mode is off.</p>");
            return PortalLayout.Page(context, "Cluster", html.ToString());
        }

        html.Append(status.Store.Available
            ? "<p class=\"notice ok\" role=\"status\">The cluster store (etcd) is available: changes are accepted.</p>"
            : $"<p class=\"notice bad\" role=\"alert\">The cluster store (etcd) is unavailable ({E(status.Store.Error)}): this edge serves the last known state and refuses changes.</p>");
        html.Append("<dl><dt>This node</dt><dd>").Append(E(status.Node)).Append("</dd><dt>Overseer</dt><dd>").Append(E(status.Overseer ?? "none"))
            .Append("</dd><dt>Applied revision</dt><dd>").Append(status.AppliedRevision).Append(" (lag ").Append(status.Lag).Append(")</dd></dl>");
        html.Append("<table><caption>Nodes in overseer priority order</caption><thead><tr><th scope=\"col\">Priority</th><th scope=\"col\">Node</th><th scope=\"col\">Alive</th><th scope=\"col\">Overseer</th><th scope=\"col\">Last seen</th><th scope=\"col\">Applied revision</th></tr></thead><tbody>");
        foreach (var node in status.Nodes)
        {
            html.Append("<tr><td>").Append(node.Priority).Append("</td><td>").Append(E(node.Name)).Append("</td><td>").Append(node.Alive ? "yes" : "no")
                .Append("</td><td>").Append(node.Overseer ? "yes" : "").Append("</td><td>").Append(Time(node.LastSeen)).Append("</td><td>")
                .Append(node.AppliedRevision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-").Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (status.DownSites.Count > 0)
        {
            html.Append("<p>Down by majority: ").Append(E(string.Join(", ", status.DownSites))).Append("</p>");
        }

        return PortalLayout.Page(context, "Cluster", html.ToString());
    }
}
