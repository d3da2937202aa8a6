using SorryEdge.Health;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>One rule for both kinds of listener: whether a site's mail goes to its backend MX now.</summary>
internal static class SmtpForwarding
{
    /// <summary>The backend to forward to, or null when the site defers (tempfail, no backend, or auto with the backend down).</summary>
    public static SmtpHostPort? Backend(SmtpSettings settings, HealthVerdict verdict)
    {
        if (!SmtpHostPort.TryParse(settings.Backend, out var backend))
        {
            return null;
        }

        return settings.Mode switch
        {
            SmtpMode.Passthrough => backend,
            SmtpMode.Auto when verdict != HealthVerdict.Unhealthy => backend,
            _ => null,
        };
    }
}
