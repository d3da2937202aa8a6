using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>One site as the SMTP front sees it: its SMTP settings and the probe policy for its backend MX.</summary>
internal sealed record SmtpSite(
    string SiteId,
    string DisplayName,
    SmtpSettings Settings,
    TimeSpan ProbeInterval,
    TimeSpan ProbeTimeout,
    int Rise,
    int Fall);
