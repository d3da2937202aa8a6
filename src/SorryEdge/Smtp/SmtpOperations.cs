using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Operations;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// The SMTP switches of a site — its mode and its recipient domains — for the admin API and the
/// portal alike: checked as a site write would be, then stored and recorded.
/// </summary>
internal sealed class SmtpOperations(SiteService service, SiteCatalog catalog, SiteOperations sites)
{
    private static readonly Refusal NoFront = Refusal.Conflict("The site has no SMTP front", "Set the site's 'smtp' object first.");
    private static readonly Refusal StaffOnly = Refusal.Forbidden("Only staff change a site's SMTP domains", "Ask your hosting provider: a domain decides whose mail server gets the mail.");

    /// <summary>Why the caller may not switch this site's SMTP mode at all, before a body is read.</summary>
    public Refusal? CheckMode(AdminPrincipal caller, string id) =>
        sites.FindVisible(caller, id) is not { } entry ? Refusal.NotFound($"Site '{id}'") : entry.Site.Smtp is null ? NoFront : null;

    /// <summary>Why the caller may not set this site's SMTP domains at all, before a body is read.</summary>
    public Refusal? CheckDomains(AdminPrincipal caller, string id) =>
        sites.FindVisible(caller, id) is not { } entry ? Refusal.NotFound($"Site '{id}'")
        // A domain decides whose server gets the mail: claiming one is staff's call, as hostnames are.
        : !caller.IsStaff ? StaffOnly
        : entry.Site.Smtp is null ? NoFront
        : null;

    public async Task<Outcome<SiteEntry>> SetModeAsync(AdminPrincipal caller, string id, SmtpMode mode, CancellationToken cancellationToken)
    {
        if (CheckMode(caller, id) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(mode))
        {
            return Refusal.Invalid("mode", "must be 'auto', 'tempfail' or 'passthrough'");
        }

        return sites.Entry(id, await service.ChangeAsync(id, SiteOperations.Visible(caller, site =>
            {
                if (site.Smtp is not { } smtp)
                {
                    return NoFront;
                }

                var errors = SmtpSettingsRules.Validate(smtp with { Mode = mode });
                return errors.Count > 0 ? Refusal.Invalid(errors.ToDictionary(e => e.Key, e => e.Value)) : null;
            }),
            s => s with { Smtp = s.Smtp! with { Mode = mode } }, EventKinds.SmtpMode, "SMTP mode switched", caller.Actor, cancellationToken, site => Name(site.Smtp!.Mode), Name(mode)));
    }

    /// <summary>Replaces the domains the site claims on the shared listeners; unique across sites like hostnames.</summary>
    public async Task<Outcome<SiteEntry>> SetDomainsAsync(AdminPrincipal caller, string id, IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        if (CheckDomains(caller, id) is { } refused)
        {
            return refused;
        }

        var normalized = domains.Select(d => (d ?? "").Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToList();
        return sites.Entry(id, await service.ChangeAsync(id, SiteOperations.Visible(caller, site =>
            {
                if (site.Smtp is not { } smtp)
                {
                    return NoFront;
                }

                var errors = SiteValidator.Validate(site with { Smtp = smtp with { Domains = normalized } }, catalog.Sites.Values.Select(e => e.Site))
                    .Where(e => e.Key.StartsWith("smtp.", StringComparison.Ordinal))
                    .ToDictionary(e => e.Key, e => e.Value);
                return errors.Count > 0 ? Refusal.Invalid(errors) : null;
            }),
            s => s with { Smtp = s.Smtp! with { Domains = normalized } }, EventKinds.SmtpDomains, "SMTP domains changed", caller.Actor, cancellationToken, site => string.Join(",", site.Smtp!.Domains), string.Join(",", normalized)));
    }

    public static string Name(SmtpMode mode) => mode.ToString().ToLowerInvariant();
}
