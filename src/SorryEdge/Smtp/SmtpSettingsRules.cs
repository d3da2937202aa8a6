using System.Net;

namespace SorryEdge.Smtp;

/// <summary>
/// The rules a site's <c>smtp</c> object must meet, for the admin API to refuse bad input with
/// a clear message before anything changes. Keys are the JSON field names under <c>smtp</c>.
/// </summary>
public static class SmtpSettingsRules
{
    /// <summary>Errors by field (<c>smtp.listen</c>, <c>smtp.backend</c>, …); empty when the settings are valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var listen = settings.Listen ?? [];
        if (listen.Count == 0)
        {
            errors["smtp.listen"] = ["At least one listener \"ip:port\" is required."];
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
}
