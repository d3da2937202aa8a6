namespace StatusSite.Hosting;

/// <summary>Where Kestrel listens (Status:Listen).</summary>
internal sealed class StatusListenOptions
{
    /// <summary>Loopback by default: the staff console lives on the same listener.</summary>
    public string Http { get; set; } = "http://127.0.0.1:8090";
}
