using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;
using SorryEdge.Events;
using SorryEdge.Http;

namespace SorryEdge.Admin;

/// <summary>
/// Writes an admin call's audit row before its answer is sent: the handler has produced its
/// result but nothing is on the wire yet. A write whose audit row cannot be stored is answered
/// 503, never 2xx; a read keeps its answer (the failure is logged).
/// </summary>
internal sealed partial class AuditFilter(AuditLog audit, ILogger<AuditFilter> logger) : IEndpointFilter
{
    private const string RecordedKey = "SorryEdge.AuditRecorded";

    /// <summary>True when the call's row was already written here (the middleware then writes nothing).</summary>
    public static bool Recorded(HttpContext context) => context.Items.ContainsKey(RecordedKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        http.Items[RecordedKey] = true;
        try
        {
            await AuditMiddleware.RecordAsync(http, audit, StatusOf(result, http.Response.StatusCode), ActionOf(result));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuditFailed(http.Request.Method, http.Request.Path.Value ?? "", ex);
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                return DiskFaults.Problem(ex, "The change could not be recorded in the audit log");
            }
        }

        return result;
    }

    /// <summary>The status the result will answer with (typed results and their unions; otherwise what the handler set on the response).</summary>
    public static int StatusOf(object? result, int fallback) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result, fallback),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => fallback,
    };

    /// <summary>The action a reader of the audit log looks for by name: a site's creation starts its own history.</summary>
    public static string? ActionOf(object? result) => result switch
    {
        INestedHttpResult nested => ActionOf(nested.Result),
        Created<SiteView> => EventKinds.SiteCreated,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit row of {Method} {Path} could not be written")]
    private partial void LogAuditFailed(string method, string path, Exception ex);
}
