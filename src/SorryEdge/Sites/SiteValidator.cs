using System.Net;
using System.Text.RegularExpressions;

namespace SorryEdge.Sites;

/// <summary>
/// Checks a site as submitted through the API. Every problem is reported under the JSON path
/// of the field, so a refused request says exactly what to fix and nothing is stored.
/// </summary>
internal static partial class SiteValidator
{
    public const int MaxBackends = 32;
    public const int MaxHostnames = 64;
    public const int MaxSchedules = 50;

    /// <param name="site">The site as submitted.</param>
    /// <param name="others">The sites already configured, for what must be unique across sites (SMTP domains).</param>
    public static Dictionary<string, string[]> Validate(Site site, IEnumerable<Site>? others = null)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        if (!IdPattern().IsMatch(site.Id))
        {
            Add("id", "must be 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit");
        }

        if (site.Name is { Length: > 200 })
        {
            Add("name", "must be at most 200 characters");
        }

        if (site.Hostnames.Count is 0 or > MaxHostnames)
        {
            Add("hostnames", $"must list 1–{MaxHostnames} hostnames");
        }

        for (var i = 0; i < site.Hostnames.Count; i++)
        {
            if (!IsValidHostname(site.Hostnames[i]))
            {
                Add($"hostnames[{i}]", $"'{site.Hostnames[i]}' is not a hostname (letters, digits, '-', '.', optionally '*.' first)");
            }
        }

        if (site.Hostnames.Select(h => h.ToLowerInvariant()).Distinct().Count() != site.Hostnames.Count)
        {
            Add("hostnames", "must not repeat a hostname");
        }

        if (site.Backends.Count > MaxBackends)
        {
            Add("backends", $"must list at most {MaxBackends} backends");
        }

        for (var i = 0; i < site.Backends.Count; i++)
        {
            var b = site.Backends[i];
            if (!IsHttpUrl(b.Url))
            {
                Add($"backends[{i}].url", "must be an absolute http:// or https:// URL");
            }

            if (b.Weight is < 1 or > 1000)
            {
                Add($"backends[{i}].weight", "must be 1–1000");
            }

            if (b.AgentUrl is not null && !IsHttpUrl(b.AgentUrl))
            {
                Add($"backends[{i}].agentUrl", "must be an absolute http:// or https:// URL");
            }
        }

        ValidateHealth(site.Health, Add);

        var needsRedirect = site.Mode == SiteMode.Redirect || site.Action == TakeoverAction.Redirect
            || site.Schedules.Any(s => s.Mode == SiteMode.Redirect);
        if (site.Redirect is null)
        {
            if (needsRedirect)
            {
                Add("redirect", "is required when mode, action or a schedule is 'redirect'");
            }
        }
        else
        {
            if (!IsHttpUrl(site.Redirect.Url))
            {
                Add("redirect.url", "must be an absolute http:// or https:// URL");
            }

            if (site.Redirect.Status is not (302 or 307))
            {
                Add("redirect.status", "must be 302 or 307 (a 301 would outlive the outage in caches)");
            }
        }

        if (site.RetryAfterSeconds is < 0 or > 86400)
        {
            Add("retryAfterSeconds", "must be 0–86400");
        }

        if (site.Message is { Length: > 2000 })
        {
            Add("message", "must be at most 2000 characters");
        }

        for (var i = 0; i < site.Bypass.Cidrs.Count; i++)
        {
            if (!IsCidr(site.Bypass.Cidrs[i]))
            {
                Add($"bypass.cidrs[{i}]", $"'{site.Bypass.Cidrs[i]}' is not a CIDR such as 203.0.113.0/24");
            }
        }

        if (site.Bypass.Secret is not null && !SecretPattern().IsMatch(site.Bypass.Secret))
        {
            Add("bypass.secret", "must be 16–128 characters of A–Z, a–z, 0–9, '-' and '_'");
        }

        if (site.Schedules.Count > MaxSchedules)
        {
            Add("schedules", $"must list at most {MaxSchedules} windows");
        }

        for (var i = 0; i < site.Schedules.Count; i++)
        {
            foreach (var (field, message) in WindowErrors(site.Schedules[i]))
            {
                Add($"schedules[{i}].{field}", message);
            }
        }

        if (site.Smtp is not null)
        {
            foreach (var (key, messages) in SmtpSettingsRules.Validate(site.Smtp))
            {
                foreach (var message in messages)
                {
                    Add(key, message);
                }
            }

            if (others is not null && SmtpSettingsRules.DomainTaken(site.Id, site.Smtp, others.Select(o => (o.Id, o.Smtp))) is { } taken)
            {
                Add(taken.Field, $"'{taken.Domain}' is already claimed by site '{taken.OtherSite}'; remove it there first");
            }
        }

        foreach (var (key, message) in site.Damping.Validate())
        {
            Add(key, message);
        }

        if (site.StatusComponent is not null && !StatusComponentPattern().IsMatch(site.StatusComponent))
        {
            Add("statusComponent", "must be a status-site component id: 1–63 characters of a–z, 0–9, '.', '_' and '-'");
        }

        if (site.NotifyEmails.Count > 20)
        {
            Add("notifyEmails", "must list at most 20 addresses");
        }

        for (var i = 0; i < site.NotifyEmails.Count; i++)
        {
            if (!MailOutbox.MailAddressRule.IsValid(site.NotifyEmails[i]))
            {
                Add($"notifyEmails[{i}]", $"'{site.NotifyEmails[i]}' is not an e-mail address");
            }
        }

        if (site.ConnectTimeoutMs is < 100 or > 60000)
        {
            Add("connectTimeoutMs", "must be 100–60000");
        }

        if (site.ResponseTimeoutMs is < 1000 or > 600000)
        {
            Add("responseTimeoutMs", "must be 1000–600000");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>What is wrong with one maintenance window in itself, by field (<c>end</c>, <c>mode</c>).</summary>
    public static IEnumerable<(string Field, string Message)> WindowErrors(MaintenanceWindow window)
    {
        if (window.End <= window.Start)
        {
            yield return ("end", "must be after start");
        }

        if (window.Mode == SiteMode.Auto || !Enum.IsDefined(window.Mode))
        {
            yield return ("mode", "must be 'maintenance' or 'redirect'");
        }
    }

    /// <summary>Whether <paramref name="cidr"/> is a network such as 203.0.113.0/24 (bypass networks).</summary>
    public static bool IsCidr(string cidr) => IPNetwork.TryParse(cidr, out _);

    private static void ValidateHealth(SiteHealthSettings h, Action<string, string> add)
    {
        if (!h.Path.StartsWith('/') || h.Path.Length > 1024)
        {
            add("health.path", "must start with '/'");
        }

        if (h.IntervalMs is < 100 or > 60000)
        {
            add("health.intervalMs", "must be 100–60000");
        }

        if (h.FastIntervalMs is { } fast && (fast < 100 || fast > h.IntervalMs))
        {
            add("health.fastIntervalMs", "must be 100 ms up to intervalMs");
        }

        if (h.TimeoutMs is < 50 or > 60000)
        {
            add("health.timeoutMs", "must be 50–60000");
        }

        if (h.Rise is < 1 or > 20)
        {
            add("health.rise", "must be 1–20");
        }

        if (h.Fall is < 1 or > 20)
        {
            add("health.fall", "must be 1–20");
        }

        if (StatusRange.TryParse(h.ExpectedStatus) is null)
        {
            add("health.expectedStatus", "must be a status code or a range such as 200-399");
        }
    }

    public static bool IsValidHostname(string host) =>
        host.Length <= 253 && HostPattern().IsMatch(host);

    // The URL ends up in a Location header: CR, LF, NUL or any other control character would make
    // every takeover answer a 500 (or split the header), so it is refused here.
    private static bool IsHttpUrl(string url) =>
        !url.Any(char.IsControl) && !url.Contains(' ', StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{16,128}$")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex StatusComponentPattern();
}
