using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SorryEdge.Events;
using SorryEdge.Http;

namespace SorryEdge.Hosting;

/// <summary>
/// Turns a write that failed on the disk (full, read-only, failing) or whose event could not
/// be committed into <c>507</c>/<c>503</c> problem+json naming the cause. Only admin requests get here:
/// the data listener's end in <c>DataPlaneMiddleware</c>, ahead of it.
/// </summary>
internal sealed partial class DiskFaultMiddleware(RequestDelegate next, ILogger<DiskFaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && (DiskFaults.Classify(ex) is not null || ex is EventNotStoredException))
        {
            LogDiskFault(context.Request.Method, context.Request.Path.Value ?? "", ex);
            context.Response.Clear();
            await DiskFaults.Problem(ex, "The change could not be stored").ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed on the data disk")]
    private partial void LogDiskFault(string method, string path, Exception ex);
}
