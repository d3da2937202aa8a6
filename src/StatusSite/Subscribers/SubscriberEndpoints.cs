using Microsoft.Extensions.Options;
using StatusSite.Auth;
using StatusSite.Console;
using StatusSite.Data;
using StatusSite.Public;
using StatusSite.Staff;

namespace StatusSite.Subscribers;

/// <summary>Public subscribe/confirm/unsubscribe pages, the staff API and the console's subscriber actions.</summary>
internal static class SubscriberEndpoints
{
    public const string SubscribeRateLimit = "subscribe";

    public static IEndpointRouteBuilder MapSubscribers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/subscribe", FormAsync).AllowAnonymous();
        app.MapPost("/subscribe", SubscribeAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SubscribeRateLimit);
        app.MapGet("/subscriptions/confirm", ConfirmAsync).AllowAnonymous();
        app.MapGet("/subscriptions/unsubscribe", (string? id, string? sig, LinkSigner links, IOptions<StatusPageOptions> o) =>
            links.Verify(LinkSigner.Unsubscribe, id, sig)
                ? Page(SubscriberPages.Unsubscribe(o.Value.Name, id!, sig!))
                : Page(SubscriberPages.Message(o.Value.Name, "Link not valid", "This link is not valid."), StatusCodes.Status400BadRequest))
            .AllowAnonymous();
        // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click"; the page's button posts the same URL.
        app.MapPost("/subscriptions/unsubscribe", UnsubscribeAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SubscribeRateLimit);

        var api = app.MapGroup("/api/v1/subscribers").RequireAuthorization(AuthNames.StaffApiPolicy);
        api.MapGet("", async (SubscriptionService s, CancellationToken ct) => TypedResults.Ok((await s.ListAsync(ct)).Select(View)));
        api.MapPost("", AddAsync);
        api.MapDelete("/{id}", async (string id, SubscriptionService s, CancellationToken ct) =>
            await s.RemoveAsync(id, ct) ? Results.NoContent() : JsonBody.Problem("subscriber not found", StatusCodes.Status404NotFound));
        api.MapPost("/{id}/resend", async (string id, SubscriptionService s, CancellationToken ct) =>
        {
            var result = await s.ResendAsync(id, ct);
            return result.Ok ? Results.Ok(new { id }) : JsonBody.Problem(result.Error!, result.ErrorStatus);
        });

        var console = app.MapGroup("/console/subscribers").RequireAuthorization(AuthNames.ConsolePolicy).DisableAntiforgery();
        console.MapPost("/{id}/remove", (string id, HttpContext ctx, [AsParameters] ConsoleServices page, SubscriptionService s, CancellationToken ct) =>
            ConsoleActions.RunAsync(ctx, page, async _ => (await s.RemoveAsync(id, ct) ? null : "subscriber not found", "Subscriber removed."), ct));
        console.MapPost("/{id}/resend", (string id, HttpContext ctx, [AsParameters] ConsoleServices page, SubscriptionService s, CancellationToken ct) =>
            ConsoleActions.RunAsync(ctx, page, async _ => ((await s.ResendAsync(id, ct)).Error, "Confirmation sent again."), ct));
        console.MapPost("", (HttpContext ctx, [AsParameters] ConsoleServices page, SubscriptionService s, CancellationToken ct) => ConsoleActions.RunAsync(ctx, page, async form =>
            ((await s.AddAsync(new SubscriberRequest(form["kind"], form["address"], null), ct)).Error, "Subscriber added."), ct));
        return app;
    }

    /// <summary>What staff see; a webhook's secret is shown so the receiver can be configured.</summary>
    public static object View(Subscriber s) => new
    {
        id = s.Id,
        kind = s.Kind,
        address = s.Address,
        components = s.Components,
        confirmed = s.ConfirmedAt is not null,
        confirmedAt = s.ConfirmedAt,
        createdAt = s.CreatedAt,
        disabledAt = s.DisabledAt,
        failingSince = s.FailingSince,
        secret = s.Secret,
    };

    private static async Task<IResult> FormAsync(StatusDatabase database, ComponentStore components, IOptions<StatusPageOptions> o, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var list = (await components.ListAsync(c, null, ct)).Where(x => !x.Hidden).ToList();
        return Page(SubscriberPages.Form(o.Value.Name, list, null));
    }

    private static async Task<IResult> SubscribeAsync(HttpContext ctx, SubscriptionService service, IOptions<StatusPageOptions> o, CancellationToken ct)
    {
        if (!ctx.Request.HasFormContentType)
        {
            return Page(SubscriberPages.Message(o.Value.Name, "Subscribe", "Please use the subscription form."), StatusCodes.Status400BadRequest);
        }

        var form = await ctx.Request.ReadFormAsync(ct);
        var result = await service.SubscribeEmailAsync(form["email"], form["components"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList(), ct);
        // The same answer whether the address is new, waiting for confirmation or already subscribed.
        return result.Ok
            ? Page(SubscriberPages.Message(o.Value.Name, "Check your mailbox",
                "If this address can receive mail, a message with a confirmation link is on its way. Nothing else is sent until you confirm."))
            : Page(SubscriberPages.Message(o.Value.Name, "Subscribe", result.Error!), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ConfirmAsync(string? id, string? sig, SubscriptionService service, IOptions<StatusPageOptions> o, CancellationToken ct) =>
        await service.ConfirmAsync(id, sig, ct)
            ? Page(SubscriberPages.Message(o.Value.Name, "Subscription confirmed", "You will receive status updates by e-mail. Every mail has a one-click unsubscribe link."))
            : Page(SubscriberPages.Message(o.Value.Name, "Link not valid", "This confirmation link is not valid, or the subscription was removed."), StatusCodes.Status400BadRequest);

    private static async Task<IResult> UnsubscribeAsync(string? id, string? sig, SubscriptionService service, IOptions<StatusPageOptions> o, CancellationToken ct) =>
        await service.UnsubscribeAsync(id, sig, ct)
            ? Page(SubscriberPages.Message(o.Value.Name, "Unsubscribed", "You are unsubscribed; no more updates will be sent to this address."))
            : Page(SubscriberPages.Message(o.Value.Name, "Link not valid", "This link is not valid."), StatusCodes.Status400BadRequest);

    private static async Task<IResult> AddAsync(HttpRequest request, SubscriptionService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<SubscriberRequest>(request, ct);
        if (error is not null)
        {
            return error;
        }

        var result = await service.AddAsync(body!, ct);
        return result.Ok
            ? Results.Created($"/api/v1/subscribers/{result.Value!.Id}", View(result.Value))
            : JsonBody.Problem(result.Error!, result.ErrorStatus);
    }

    private static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
