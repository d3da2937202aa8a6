using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SorryEdge.Admin;

namespace SorryEdge.Demo;

/// <summary>Stop and start the demo backend: an admin API call, and a small page on the admin listener.</summary>
internal static class DemoApi
{
    public static RouteGroupBuilder MapDemoApi(this RouteGroupBuilder api)
    {
        // The demo backend is in memory: no cluster store write to lose a race.
        var demo = api.MapGroup("/demo/backend").WithAdminApiResponses(clusterStoreWrites: false);
        demo.MapPost("/stop", async (DemoBackend backend, CancellationToken ct) =>
        {
            await backend.StopBackendAsync(ct);
            return TypedResults.Ok(new DemoBackendView(backend.Running));
        });
        demo.MapPost("/start", async (DemoBackend backend, CancellationToken ct) =>
        {
            await backend.StartBackendAsync(ct);
            return TypedResults.Ok(new DemoBackendView(backend.Running));
        });
        return api;
    }

    public static IEndpointRouteBuilder MapDemoPage(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/demo", (HttpContext context, DemoBackend backend, IAntiforgery antiforgery) =>
        {
            var token = antiforgery.GetAndStoreTokens(context);
            var field = $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(token.FormFieldName)}\" value=\"{WebUtility.HtmlEncode(token.RequestToken)}\">";
            var state = backend.Running ? "running" : "stopped";
            var html = $$"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>SorryEdge demo</title>
                <style>body{font:1.05rem/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.4rem 1rem}</style></head>
                <body><h1>SorryEdge demo</h1><p>The demo backend is <strong>{{state}}</strong>.</p>
                <form method="post" action="/demo/backend/stop">{{field}}<button>Stop the backend</button></form>
                <form method="post" action="/demo/backend/start">{{field}}<button>Start the backend</button></form>
                </body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        });
        admin.MapPost("/demo/backend/{action:regex(^(start|stop)$)}", async (string action, DemoBackend backend, CancellationToken ct) =>
        {
            if (action == "stop")
            {
                await backend.StopBackendAsync(ct);
            }
            else
            {
                await backend.StartBackendAsync(ct);
            }

            return Results.Redirect("/demo", permanent: false);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return admin;
    }
}
