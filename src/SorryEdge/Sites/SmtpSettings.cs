namespace SorryEdge.Sites;

/// <summary>A site's <c>smtp</c> object: where it listens, where its mail server is, and how it answers.</summary>
internal sealed record SmtpSettings
{
    /// <summary>Listener endpoints, <c>ip:port</c> (e.g. <c>127.0.0.1:2525</c>, <c>[::1]:25</c>); may be empty when <see cref="Domains"/> is set.</summary>
    public IReadOnlyList<string> Listen { get; init; } = [];

    /// <summary>
    /// Recipient domains the site claims on the shared listeners (<c>Edge:Smtp:Shared</c>):
    /// exact (<c>example.com</c>) or wildcard (<c>*.example.com</c>), unique across sites.
    /// </summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>The backend MX as <c>host:port</c>; null means the site only ever defers.</summary>
    public string? Backend { get; init; }

    public SmtpMode Mode { get; init; } = SmtpMode.Auto;

    public SmtpDeferAt DeferAt { get; init; } = SmtpDeferAt.Greeting;

    /// <summary>Text after the <c>4.3.2</c> code; null uses <c>Edge:Smtp:DefaultMessage</c>.</summary>
    public string? Message { get; init; }

    /// <summary>PROXY protocol header sent to the backend when splicing; null sends none.</summary>
    public ProxyProtocolVersion? ProxyProtocol { get; init; }
}
