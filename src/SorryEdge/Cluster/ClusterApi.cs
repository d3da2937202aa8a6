using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SorryEdge.Admin;
using SorryEdge.Http;

namespace SorryEdge.Cluster;

/// <summary><c>GET /api/v1/cluster</c> (staff): this node, the overseer, every node, the store's health and this node's lag.</summary>
internal static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder api)
    {
        api.MapGroup("").WithAdminApiResponses().MapGet("/cluster", Get).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static Results<Ok<ClusterStatus>, ProblemHttpResult> Get(HttpContext context, ClusterReport report) =>
        context.User.RequireAdminPrincipal().IsStaff
            ? TypedResults.Ok(report.Describe())
            : ProblemResults.Problem(StatusCodes.Status403Forbidden, "Only staff see the cluster");
}
