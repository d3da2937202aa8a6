namespace StatusSite.Ingest;

/// <summary>Automatic status ingest (Status:Ingest).</summary>
public sealed class StatusIngestOptions
{
    /// <summary>Bearer tokens the edge and agents present to POST /api/v1/ingest/events.</summary>
    public string[] Tokens { get; set; } = [];
}
