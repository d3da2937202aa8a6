using System.Net;
using System.Text.RegularExpressions;

namespace SorryEdge.Sites;

/// <summary>
/// The rules a site's <c>smtp</c> object must meet, for the admin API to refuse bad input with
/// a clear message before anything changes. Keys are the JSON field names under <c>smtp</c>.
/// </summary>
internal static partial class SmtpSettingsRules
{
    /// <summary>Most recipient domains one site may claim.</summary>
    public const int MaxDomains = 1000;

    /// <summary>Errors by field (<c>smtp.listen</c>, <c>smtp.backend</c>, …); empty when the settings are valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var listen = settings.Listen ?? [];
        var domains = settings.Domains ?? [];
        if (listen.Count == 0 && domains.Count == 0)
        {
            errors["smtp.listen"] = ["At least one listener \"ip:port\" is required, unless the site claims domains (\"smtp.domains\") on the shared listeners."];
        }
        else
        {
            var bad = listen.Where(l => !IPEndPoint.TryParse(l ?? "", out var e) || e.Port == 0).ToList();
            if (bad.Count > 0)
            {
                errors["smtp.listen"] = [.. bad.Select(l => $"\"{l}\" is not \"ip:port\" with a port from 1 to 65535 (IPv6 as \"[::1]:25\").")];
            }
            else if (listen.Distinct(StringComparer.Ordinal).Count() != listen.Count)
            {
                errors["smtp.listen"] = ["Listeners must not repeat."];
            }
        }

        ValidateDomains(domains, errors);

        if (settings.Backend is not null && !SmtpHostPort.TryParse(settings.Backend, out _))
        {
            errors["smtp.backend"] = [$"\"{settings.Backend}\" is not \"host:port\" (IPv6 as \"[2001:db8::1]:25\")."];
        }
        else if (settings.Backend is null && settings.Mode == SmtpMode.Passthrough)
        {
            errors["smtp.backend"] = ["Mode \"passthrough\" needs a backend."];
        }

        if (!Enum.IsDefined(settings.Mode))
        {
            errors["smtp.mode"] = ["Mode must be \"auto\", \"tempfail\" or \"passthrough\"."];
        }

        if (!Enum.IsDefined(settings.DeferAt))
        {
            errors["smtp.deferAt"] = ["deferAt must be \"greeting\" or \"rcpt\"."];
        }

        if (settings.ProxyProtocol is { } proxy && !Enum.IsDefined(proxy))
        {
            errors["smtp.proxyProtocol"] = ["proxyProtocol must be null, \"v1\" or \"v2\"."];
        }

        if (settings.Message is { } message && (message.Length == 0 || SmtpReplyText.Sanitize(message) != message))
        {
            errors["smtp.message"] = [$"The message must be 1 to {SmtpReplyText.MaxLength} printable ASCII characters without leading or trailing spaces (it goes into an SMTP reply line)."];
        }

        return errors;
    }

    private static void ValidateDomains(IReadOnlyList<string> domains, Dictionary<string, string[]> errors)
    {
        if (domains.Count > MaxDomains)
        {
            errors["smtp.domains"] = [$"At most {MaxDomains} domains."];
            return;
        }

        for (var i = 0; i < domains.Count; i++)
        {
            if (!IsValidDomainPattern(domains[i]))
            {
                errors[$"smtp.domains[{i}]"] = [$"\"{domains[i]}\" is not a domain such as \"example.com\" or \"*.example.com\"."];
            }
        }

        if (domains.Distinct(StringComparer.OrdinalIgnoreCase).Count() != domains.Count)
        {
            errors["smtp.domains"] = ["Domains must not repeat."];
        }
    }

    /// <summary>
    /// The first of <paramref name="settings"/>' domains that another site already claims, with that
    /// site's id and the field it belongs under; null when all are free. Domains are unique across
    /// sites like hostnames, so one recipient domain always has exactly one owner.
    /// </summary>
    public static (string Field, string Domain, string OtherSite)? DomainTaken(string siteId, SmtpSettings settings, IEnumerable<(string SiteId, SmtpSettings? Smtp)> others)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var claimed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, smtp) in others)
        {
            if (id == siteId || smtp is null)
            {
                continue;
            }

            foreach (var domain in smtp.Domains ?? [])
            {
                claimed.TryAdd(domain, id);
            }
        }

        var mine = settings.Domains ?? [];
        for (var i = 0; i < mine.Count; i++)
        {
            if (claimed.TryGetValue(mine[i], out var other))
            {
                return ($"smtp.domains[{i}]", mine[i], other);
            }
        }

        return null;
    }

    /// <summary>A domain or <c>*.</c> wildcard of DNS labels (letters, digits, '-'), at least two labels.</summary>
    public static bool IsValidDomainPattern(string? domain) =>
        domain is { Length: > 0 and <= 253 } && DomainPattern().IsMatch(domain);

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex DomainPattern();
}
