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
    public async Task<Outcome<SiteEntry>> SetModeAsync(AdminPrincipal caller, string id, SmtpMode mode, CancellationToken cancellationToken)
    {
        if (Front(caller, id, out var entry) is { } refused)
        {
            return refused;
        }

        var smtp = entry.Site.Smtp!;
        var errors = Enum.IsDefined(mode)
            ? SmtpSettingsRules.Validate(smtp with { Mode = mode })
            : new Dictionary<string, string[]> { ["mode"] = ["must be 'auto', 'tempfail' or 'passthrough'"] };
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors.ToDictionary(e => e.Key, e => e.Value));
        }

        return Written(id, await service.ChangeAsync(id, s => s with { Smtp = s.Smtp! with { Mode = mode } }, EventKinds.SmtpMode,
            "SMTP mode switched", caller.Actor, cancellationToken, Name(smtp.Mode), Name(mode)));
    }

    /// <summary>Replaces the domains the site claims on the shared listeners; unique across sites like hostnames.</summary>
    public async Task<Outcome<SiteEntry>> SetDomainsAsync(AdminPrincipal caller, string id, IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        if (sites.FindVisible(caller, id) is null)
        {
            return Refusal.NotFound($"Site '{id}'");
        }

        // A domain decides whose server gets the mail: claiming one is staff's call, as hostnames are.
        if (!caller.IsStaff)
        {
            return Refusal.Forbidden("Only your hosting provider's staff change a site's SMTP domains");
        }

        if (Front(caller, id, out var entry) is { } refused)
        {
            return refused;
        }

        var smtp = entry.Site.Smtp!;
        var normalized = domains.Select(d => (d ?? "").Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToList();
        var changed = entry.Site with { Smtp = smtp with { Domains = normalized } };
        var errors = SiteValidator.Validate(changed, catalog.Sites.Values.Select(e => e.Site))
            .Where(e => e.Key.StartsWith("smtp.", StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => e.Value);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        return Written(id, await service.ChangeAsync(id, s => s with { Smtp = s.Smtp! with { Domains = normalized } }, EventKinds.SmtpDomains,
            "SMTP domains changed", caller.Actor, cancellationToken, string.Join(",", smtp.Domains), string.Join(",", normalized)));
    }

    public static string Name(SmtpMode mode) => mode.ToString().ToLowerInvariant();

    private Refusal? Front(AdminPrincipal caller, string id, out SiteEntry entry)
    {
        entry = sites.FindVisible(caller, id)!;
        return entry is null ? Refusal.NotFound($"Site '{id}'")
            : entry.Site.Smtp is null ? Refusal.Conflict("The site has no SMTP front", "Set the site's 'smtp' object first.")
            : null;
    }

    private Outcome<SiteEntry> Written(string id, SiteRecord? written) =>
        written is not null && catalog.Find(id) is { } entry ? entry : Refusal.NotFound($"Site '{id}'");
}
