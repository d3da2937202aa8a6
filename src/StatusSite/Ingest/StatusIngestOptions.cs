namespace StatusSite.Ingest;

/// <summary>Automatic status ingest (Status:Ingest).</summary>
internal sealed class StatusIngestOptions
{
    public const string SectionName = "Status:Ingest";

    /// <summary>Bearer tokens the edge and agents present to POST /api/v1/ingest/events.</summary>
    public string[] Tokens { get; set; } = [];
}
