using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace SorryEdge.Admin;

/// <summary>
/// The answers an admin API call can get from the pipeline around its handler, declared for
/// the OpenAPI document: the handlers' own answers come from their typed <c>Results&lt;…&gt;</c>.
/// </summary>
internal static class AdminApiResponses
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>
    /// Every call: 401 (no or a bad token, <see cref="AdminTokenHandler"/>) and 429 (too many failed
    /// tokens, <see cref="GuessThrottle"/>). Every write also: 503 (the data disk read-only or
    /// failing, the audit row not stored, the cluster store unreachable) and 507 (the data disk
    /// full); a write to the cluster store also 409 (another edge kept winning the race). A status
    /// the endpoint already declares keeps its own entry.
    /// </summary>
    public static TBuilder WithAdminApiResponses<TBuilder>(this TBuilder builder, bool clusterStoreWrites = true)
        where TBuilder : IEndpointConventionBuilder
    {
        // Finally: runs after the endpoint's own metadata (typed results, Produces…) is in place.
        builder.Finally(endpoint =>
        {
            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            var write = methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m));
            List<int> statuses = [StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests];
            if (write)
            {
                statuses.AddRange([StatusCodes.Status503ServiceUnavailable, StatusCodes.Status507InsufficientStorage]);
                if (clusterStoreWrites)
                {
                    statuses.Add(StatusCodes.Status409Conflict);
                }
            }

            foreach (var status in statuses.Where(declared.Add))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
            }
        });
        return builder;
    }

    /// <summary>A JSON body read by <see cref="JsonBody"/>: 413 (too large) and 415 (not JSON); its 400 comes with the handler's validation problem.</summary>
    public static RouteHandlerBuilder ProducesJsonBodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// Typed query parameters (<c>since</c>, <c>limit</c>…): a value that does not parse is answered
    /// 400 by the framework's parameter binding, before the handler, without a body.
    /// </summary>
    public static RouteHandlerBuilder ProducesQueryBindingFailure(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status400BadRequest);

    /// <summary>A read from the data disk: 503 when the disk is failing (<see cref="Hosting.DiskFaultMiddleware"/>).</summary>
    public static RouteHandlerBuilder ProducesDiskReadFault(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
