namespace StatusSite.Public;

/// <summary>How the public page names itself (Status:Page); also used in the v2 JSON "page" object.</summary>
internal sealed class StatusPageOptions
{
    public const string SectionName = "Status:Page";

    public string Id { get; set; } = "sorryedge";

    public string Name { get; set; } = "Service status";

    /// <summary>Absolute public URL; feeds and shortlinks are built from it.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8090";

    public string TimeZone { get; set; } = "Etc/UTC";

    /// <summary>Seconds a public document may be cached by browsers and proxies.</summary>
    public int MaxAgeSeconds { get; set; } = 10;
}
