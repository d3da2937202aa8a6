using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using StatusSite.Auth;
using StatusSite.Public;
using StatusSite.Staff;

namespace StatusSite.Console;

/// <summary>The console's form posts; each validates antiforgery, then calls the same services as the API.</summary>
internal static class ConsoleActions
{
    public static IEndpointRouteBuilder MapConsoleActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/console").RequireAuthorization(AuthNames.ConsolePolicy).DisableAntiforgery();
        group.MapPost("/incidents", (HttpContext ctx, [AsParameters] ConsoleServices console, IncidentService s, CancellationToken ct) => RunAsync(ctx, console, async form =>
        {
            var result = await s.CreateIncidentAsync(new IncidentRequest(form["name"], form["status"], form["impact"], form["body"], States(form)), ct);
            return (result.Error, "Incident opened.");
        }, ct));
        group.MapPost("/incidents/{id}/updates", (string id, HttpContext ctx, [AsParameters] ConsoleServices console, IncidentService s, CancellationToken ct) => RunAsync(ctx, console, async form =>
            ((await s.AddUpdateAsync(id, new UpdateRequest(form["status"], form["body"], States(form)), ct)).Error, "Update posted."), ct));
        group.MapPost("/incidents/{id}/publish", (string id, HttpContext ctx, [AsParameters] ConsoleServices console, IncidentService s, CancellationToken ct) => RunAsync(ctx, console, async _ =>
            ((await s.PublishAsync(id, ct)).Error, "Draft published."), ct));
        group.MapPost("/incidents/{id}/discard", (string id, HttpContext ctx, [AsParameters] ConsoleServices console, IncidentService s, CancellationToken ct) => RunAsync(ctx, console, async _ =>
            ((await s.DiscardAsync(id, ct)).Error, "Draft discarded."), ct));
        group.MapPost("/maintenances", (HttpContext ctx, [AsParameters] ConsoleServices console, IncidentService s, CancellationToken ct) => RunAsync(ctx, console, async form =>
        {
            var request = new MaintenanceRequest(form["name"], Utc(form["scheduledFor"]), Utc(form["scheduledUntil"]), form["body"],
                form["components"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray());
            return ((await s.CreateMaintenanceAsync(request, ct)).Error, "Maintenance scheduled.");
        }, ct));
        group.MapPost("/components", (HttpContext ctx, [AsParameters] ConsoleServices console, ComponentService s, CancellationToken ct) => RunAsync(ctx, console, async form =>
            ((await s.UpsertAsync(form["id"].ToString().Trim(),
                new ComponentRequest(form["name"], form["status"], form["group"], form["visibility"].ToString() switch { "hidden" => true, "public" => false, _ => null }), ct)).Error,
                "Component saved."), ct));
        group.MapPost("/preview", PreviewAsync);
        return app;
    }

    /// <summary>Validates the form, runs the action, then redirects (success) or re-renders with the error.</summary>
    public static async Task<IResult> RunAsync(
        HttpContext ctx, ConsoleServices console, Func<IFormCollection, Task<(string? Error, string Success)>> action, CancellationToken ct)
    {
        if (!await ConsoleEndpoints.ValidAsync(ctx, console.Antiforgery))
        {
            return await ConsoleEndpoints.RenderAsync(ctx, console, "The form expired; please try again.", true, ct);
        }

        var (error, _) = await action(await ctx.Request.ReadFormAsync(ct));
        // Post/redirect/get on success so a reload does not post twice; errors render with the message.
        return error is null ? Results.Redirect("/console", preserveMethod: false) : await ConsoleEndpoints.RenderAsync(ctx, console, error, true, ct);
    }

    private static async Task<IResult> PreviewAsync(HttpContext ctx, IAntiforgery antiforgery, IOptions<StatusPageOptions> o, CancellationToken ct)
    {
        if (!await ConsoleEndpoints.ValidAsync(ctx, antiforgery))
        {
            return Results.Problem(statusCode: 400, title: "The form expired; reload the page and try again.");
        }

        var form = await ctx.Request.ReadFormAsync(ct);
        var fragment = ctx.Request.Query.ContainsKey("fragment");
        return ConsoleEndpoints.Page(ctx, ConsolePage.Preview(o.Value.Name, form["body"].ToString(), fragment));
    }

    private static Dictionary<string, string> States(IFormCollection form) =>
        form.Keys.Where(k => k.StartsWith("component:", StringComparison.Ordinal) && form[k].ToString().Length > 0)
            .ToDictionary(k => k["component:".Length..], k => form[k].ToString());

    // datetime-local has no zone; the form labels it UTC.
    private static DateTimeOffset? Utc(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;
}
