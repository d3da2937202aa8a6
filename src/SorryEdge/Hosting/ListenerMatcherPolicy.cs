using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using SorryEdge.Http;

namespace SorryEdge.Hosting;

/// <summary>
/// A routing policy that keeps the listeners apart: admin endpoints are candidates only on the
/// admin listener, site routes and the unknown-host page only on the data plane. So a site
/// named <c>localhost</c> never hides the admin API, and a customer's own <c>/api/v1/…</c>
/// path still reaches the customer's backend.
/// </summary>
public sealed class ListenerMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => -1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onAdmin = httpContext.Features.Get<EdgeListenerFeature>()?.Kind == ListenerKind.Admin;
        for (var i = 0; i < candidates.Count; i++)
        {
            var metadata = candidates[i].Endpoint.Metadata;
            if (metadata.GetMetadata<AnyListenerMetadata>() is not null)
            {
                continue;
            }

            var adminEndpoint = metadata.GetMetadata<AdminEndpointMetadata>() is not null;
            if (adminEndpoint != onAdmin)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
