namespace SorryEdge.Pages;

/// <summary>Limits for uploaded sorry pages, section <c>Edge:Uploads</c>.</summary>
internal sealed class UploadOptions
{
    public const string SectionName = "Edge:Uploads";

    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    public int MaxFiles { get; set; } = 200;

    public long MaxUnpackedBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest unpacked/packed ratio of one entry or the whole archive (zip bombs compress far beyond this).</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Versions kept per site; older inactive ones are deleted.</summary>
    public int KeepVersions { get; set; } = 10;
}
