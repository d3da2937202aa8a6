using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>
/// The SMTP switches of a site — its mode and its recipient domains — in one place for the
/// admin API and the portal: checked as a site write would be, then stored and recorded.
/// </summary>
internal static class SmtpSwitch
{
    /// <summary>Field errors (nothing changed), or empty when the switch was applied.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> SetModeAsync(
        SiteService service, SiteEntry entry, SmtpMode mode, string actor, CancellationToken cancellationToken)
    {
        var smtp = entry.Site.Smtp ?? throw new InvalidOperationException("The site has no SMTP front.");
        var errors = SmtpSettingsRules.Validate(smtp with { Mode = mode });
        if (errors.Count > 0)
        {
            return errors;
        }

        await service.ChangeAsync(entry.Id, s => s with { Smtp = s.Smtp! with { Mode = mode } }, "smtp.mode",
            "SMTP mode switched", actor, cancellationToken, Name(smtp.Mode), Name(mode));
        return errors;
    }

    /// <summary>Replaces the domains the site claims on the shared listeners; unique across sites like hostnames.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> SetDomainsAsync(
        SiteService service, SiteCatalog catalog, SiteEntry entry, IReadOnlyList<string> domains, string actor, CancellationToken cancellationToken)
    {
        var smtp = entry.Site.Smtp ?? throw new InvalidOperationException("The site has no SMTP front.");
        var normalized = domains.Select(d => (d ?? "").Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToList();
        var changed = entry.Site with { Smtp = smtp with { Domains = normalized } };
        var errors = SiteValidator.Validate(changed, catalog.Sites.Values.Select(e => e.Site))
            .Where(e => e.Key.StartsWith("smtp.", StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => e.Value);
        if (errors.Count > 0)
        {
            return errors;
        }

        await service.ChangeAsync(entry.Id, s => s with { Smtp = s.Smtp! with { Domains = normalized } }, "smtp.domains",
            "SMTP domains changed", actor, cancellationToken, string.Join(",", smtp.Domains), string.Join(",", normalized));
        return errors;
    }

    public static string Name(SmtpMode mode) => mode.ToString().ToLowerInvariant();
}
