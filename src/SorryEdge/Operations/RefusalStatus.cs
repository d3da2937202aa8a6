using Microsoft.AspNetCore.Http;

namespace SorryEdge.Operations;

/// <summary>The HTTP status of each refusal kind, the same in the admin API and the portal.</summary>
internal static class RefusalStatus
{
    public static int Status(this RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid or RefusalKind.Malformed => StatusCodes.Status400BadRequest,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalKind.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
