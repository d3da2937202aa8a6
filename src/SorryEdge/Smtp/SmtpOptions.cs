namespace SorryEdge.Smtp;

/// <summary>Global limits of the SMTP front (section <c>Edge:Smtp</c>); per-site settings come from the site store.</summary>
internal sealed class SmtpOptions
{
    public const string SectionName = "Edge:Smtp";

    /// <summary>Name in the banner and EHLO reply; empty uses the machine name.</summary>
    public string Hostname { get; set; } = "";

    /// <summary>Longest command line including CRLF; RFC 5321 §4.5.3.1.4 sets 512.</summary>
    public int MaxCommandLineLength { get; set; } = 512;

    /// <summary>Unrecognised or malformed commands tolerated before <c>421</c>.</summary>
    public int MaxErrors { get; set; } = 10;

    /// <summary>Time allowed for one complete command line (RFC 5321 §4.5.3.2.7 suggests 5 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Simultaneous connections from one client address.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 20;

    /// <summary>Simultaneous connections to one site, so one customer's flood cannot take the slots of all.</summary>
    public int MaxConnectionsPerSite { get; set; } = 200;

    /// <summary>Time a reply may wait for a client that does not read; it is then cut (never-reading clients).</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A pass-through session in which neither side sends anything for this long is closed on both sides.</summary>
    public TimeSpan PassthroughIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Simultaneous connections over all listeners.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Reply text when a site sets no message of its own.</summary>
    public string DefaultMessage { get; set; } = "Service temporarily unavailable, please try again later";

    /// <summary>How long a closing session keeps reading (and discarding) so the client sees the last reply before the socket closes.</summary>
    public TimeSpan CloseLinger { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Shared listeners, <c>ip:port</c>, that serve every site claiming recipient domains
    /// (<c>smtp.domains</c>); the site is chosen per recipient at RCPT.
    /// </summary>
    public List<string> Shared { get; set; } = [];

    /// <summary>When true, MAIL is refused (530 5.7.0) until the client has done STARTTLS; off by default, as on a public MX.</summary>
    public bool RequireTls { get; set; }

    /// <summary>At shutdown, how long a session in DATA (or a spliced one) may run on after the others got 421.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the edge waits for one reply of a backend MX it relays to (RFC 5321 §4.5.3.2 allows minutes).</summary>
    public TimeSpan BackendTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
