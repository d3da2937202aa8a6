using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;

namespace SorryEdge.Http;

/// <summary>
/// Names what a failed write ran into — a full disk (507) or one that is read-only or failing
/// (503) — so an admin gets a cause to act on instead of a bare 500.
/// </summary>
internal static class DiskFaults
{
    // SQLite result codes (https://sqlite.org/rescode.html) and Linux errno values.
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int EDQUOT = 122;

    /// <summary>The status and title for a disk fault anywhere in the exception chain; null when it is something else.</summary>
    public static (int Status, string Title)? Classify(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteFull }:
                case IOException io when (io.HResult & 0xFFFF) is ENOSPC or EDQUOT || io.Message.Contains("No space left", StringComparison.Ordinal):
                    return (StatusCodes.Status507InsufficientStorage, "The edge's data disk is full");
                case SqliteException { SqliteErrorCode: SqliteReadOnly or SqliteIoError or SqliteCantOpen }:
                case IOException io2 when (io2.HResult & 0xFFFF) is EROFS || io2.Message.Contains("Read-only file system", StringComparison.Ordinal):
                case UnauthorizedAccessException:
                    return (StatusCodes.Status503ServiceUnavailable, "The edge's data disk is read-only or failing");
            }
        }

        return null;
    }

    /// <summary>A problem answer naming the disk fault (or a 503 with the given title for anything else).</summary>
    public static ProblemHttpResult Problem(Exception ex, string title)
    {
        var (status, cause) = Classify(ex) ?? (StatusCodes.Status503ServiceUnavailable, title);
        return ProblemResults.Problem(status, cause, $"{title}. Nothing was changed by this call unless the detail says so: {ex.GetBaseException().Message}");
    }
}
