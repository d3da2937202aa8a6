namespace StatusSite.Ingest;

/// <summary>Who may send ingest events; only the edge's takeovers open draft incidents.</summary>
internal static class IngestSources
{
    public const string Edge = "edge";
    public const string Agent = "agent";

    public static bool IsValid(string? source) => source is Edge or Agent;
}
