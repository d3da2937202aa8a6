using System.Security.Cryptography;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Operations;

namespace SorryEdge.Sites;

/// <summary>
/// What a caller may switch on a site: mode, resume, maintenance windows, bypass and notification
/// addresses. The admin API and the portal both call these, so the rules and the visibility
/// (staff see every site, a customer only its own; others' sites answer as if absent) hold once.
/// </summary>
internal sealed class SiteOperations(SiteService service, SiteCatalog catalog, ICustomerDirectory customers, ISiteFiles files, TimeProvider time)
{
    /// <summary>The site, if the caller may see it.</summary>
    public SiteEntry? FindVisible(AdminPrincipal caller, string id) =>
        catalog.Find(id) is { } entry && CanSee(caller, entry.Site) ? entry : null;

    public static bool CanSee(AdminPrincipal caller, Site site) =>
        caller.IsStaff || (caller.CustomerId is not null && site.Customer == caller.CustomerId);

    /// <summary>Writes a site's whole configuration (staff only: hostnames and backends decide where traffic goes).</summary>
    public async Task<Outcome<SitePut>> PutAsync(AdminPrincipal caller, string id, Site submitted, CancellationToken cancellationToken)
    {
        if (CheckPut(caller, id) is { } refused)
        {
            return refused;
        }

        // JSON null for a list or object means "not given": the defaults, not a crash.
        var site = submitted with
        {
            Id = id,
            Hostnames = (submitted.Hostnames ?? []).Select(h => (h ?? "").Trim().ToLowerInvariant()).ToList(),
            Backends = submitted.Backends ?? [],
            Health = submitted.Health ?? new SiteHealthSettings(),
            Bypass = submitted.Bypass ?? new BypassSettings(),
            Schedules = submitted.Schedules ?? [],
        };
        if (site.Backends.Any(b => b is null) || site.Schedules.Any(w => w is null) || site.Bypass.Cidrs is null)
        {
            return Refusal.Malformed("The request body has a null where an object or list is expected");
        }

        var errors = SiteValidator.Validate(site, catalog.Sites.Values.Select(e => e.Site));
        if (site.Customer is not null && !await customers.ExistsAsync(site.Customer, cancellationToken))
        {
            errors["customer"] = [$"no customer '{site.Customer}'; create it with POST /api/v1/customers first"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var written = await service.PutAsync(site, caller.Actor, cancellationToken, () => AcrossSites(site));
        if (written.Refusal is { } conflict)
        {
            return conflict;
        }

        var result = written.Value!;
        if (result.Outcome == SiteWriteOutcome.HostnameTaken)
        {
            return Refusal.Conflict("A hostname belongs to another site", $"'{result.Hostname}' is already served by another site; remove it there first.");
        }

        return catalog.Find(id) is { } entry ? new SitePut(entry, result.Outcome == SiteWriteOutcome.Created) : NotFound(id);
    }

    /// <summary>
    /// What a site may only claim once across sites: its SMTP domains (with every other rule of the
    /// site, cheap to re-run) and its own SMTP listeners. Checked again under the write lock.
    /// </summary>
    private Refusal? AcrossSites(Site site)
    {
        var errors = SiteValidator.Validate(site, catalog.Sites.Values.Select(e => e.Site));
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        foreach (var listen in site.Smtp?.Listen ?? [])
        {
            if (catalog.Sites.Values.FirstOrDefault(e => e.Id != site.Id && e.Site.Smtp?.Listen.Contains(listen) == true) is { } other)
            {
                return Refusal.Conflict("An SMTP listener belongs to another site", $"'{listen}' is already the SMTP listener of site '{other.Id}'.");
            }
        }

        return null;
    }

    /// <summary>Why the caller may not write this site's configuration at all, before a body is read.</summary>
    public Refusal? CheckPut(AdminPrincipal caller, string id) =>
        caller.IsStaff ? null : FindVisible(caller, id) is null ? NotFound(id) : Refusal.Forbidden("Only staff change a site's configuration");

    /// <summary>Deletes a site (staff only), then its sorry pages.</summary>
    public async Task<Outcome<string>> DeleteAsync(AdminPrincipal caller, string id, CancellationToken cancellationToken)
    {
        if (FindVisible(caller, id) is null)
        {
            return NotFound(id);
        }

        if (!caller.IsStaff)
        {
            return Refusal.Forbidden("Only staff delete sites");
        }

        if (!await service.DeleteAsync(id, caller.Actor, cancellationToken))
        {
            return NotFound(id);
        }

        // The rows went with the site; the files are removed even if the caller has gone.
        await files.DeleteSiteAsync(id, CancellationToken.None);
        return id;
    }

    /// <summary>Not found unless the caller may see the site: what a shell checks before it reads a body.</summary>
    public Refusal? Check(AdminPrincipal caller, string id) => FindVisible(caller, id) is null ? NotFound(id) : null;

    /// <summary>Switches the mode, optionally until a time when the site returns to auto by itself.</summary>
    public async Task<Outcome<SiteEntry>> SetModeAsync(AdminPrincipal caller, string id, SiteMode mode, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        if (Check(caller, id) is { } hidden)
        {
            return hidden;
        }

        if (!Enum.IsDefined(mode))
        {
            return Refusal.Invalid("mode", "must be 'auto', 'maintenance' or 'redirect'");
        }

        if (until is { } end && end <= time.GetUtcNow())
        {
            return Refusal.Invalid("until", "must be in the future");
        }

        return Entry(id, await service.SetModeAsync(id, mode, until, caller.Actor, Visible(caller, site =>
            mode == SiteMode.Redirect && site.Redirect is null ? Refusal.Invalid("mode", "the site has no redirect settings; set 'redirect' on the site first") : null), cancellationToken));
    }

    /// <summary>Ends a manual-failback takeover: traffic returns to the backends if they are healthy.</summary>
    public async Task<Outcome<SiteEntry>> ResumeAsync(AdminPrincipal caller, string id, CancellationToken cancellationToken) =>
        Check(caller, id) ?? Entry(id, await service.ResumeAsync(id, caller.Actor, Visible(caller), cancellationToken));

    /// <summary>Schedules a window during which the site answers as in maintenance or redirect mode.</summary>
    public async Task<Outcome<MaintenanceWindow>> AddWindowAsync(AdminPrincipal caller, string id, DateTimeOffset start, DateTimeOffset end, SiteMode mode, CancellationToken cancellationToken)
    {
        if (Check(caller, id) is { } hidden)
        {
            return hidden;
        }

        var window = new MaintenanceWindow { Id = "w-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Start = start, End = end, Mode = mode };
        var now = time.GetUtcNow();
        var written = await service.ChangeAsync(id, Visible(caller, site => WindowRefusal(site, window, now)), s => s with { Schedules = [.. s.Schedules, window] },
            EventKinds.ScheduleCreated, $"window {window.Id} {window.Start:O} – {window.End:O} ({SiteService.Name(window.Mode)})", caller.Actor, cancellationToken);
        return written.Refusal is { } refused ? refused : window;
    }

    public async Task<Outcome<SiteEntry>> CancelWindowAsync(AdminPrincipal caller, string id, string windowId, CancellationToken cancellationToken)
    {
        var missing = Refusal.NotFound($"Window '{windowId}' of site '{id}'");
        if (Check(caller, id) is not null)
        {
            return missing;
        }

        var written = await service.ChangeAsync(id, r => !CanSee(caller, r.Site) || r.Site.Schedules.All(w => w.Id != windowId) ? missing : null,
            s => s with { Schedules = s.Schedules.Where(w => w.Id != windowId).ToList() }, EventKinds.ScheduleCancelled, $"window {windowId} cancelled", caller.Actor, cancellationToken);
        return Entry(id, written);
    }

    /// <summary>Replaces the networks that reach the backends while the public sees the takeover answer.</summary>
    public async Task<Outcome<SiteEntry>> SetBypassNetworksAsync(AdminPrincipal caller, string id, IReadOnlyList<string> cidrs, CancellationToken cancellationToken)
    {
        if (Check(caller, id) is { } hidden)
        {
            return hidden;
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (!SiteValidator.IsCidr(cidrs[i]))
            {
                errors[$"cidrs[{i}]"] = [$"'{cidrs[i]}' is not a CIDR such as 203.0.113.0/24"];
            }
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        return Entry(id, await service.ChangeAsync(id, Visible(caller), s => s with { Bypass = s.Bypass with { Cidrs = cidrs } }, EventKinds.BypassChanged,
            $"bypass networks: {string.Join(", ", cidrs)}", caller.Actor, cancellationToken));
    }

    /// <summary>A new bypass secret (in the answered entry); cookies issued for the old one stop working.</summary>
    public async Task<Outcome<SiteEntry>> RotateBypassSecretAsync(AdminPrincipal caller, string id, CancellationToken cancellationToken)
    {
        if (Check(caller, id) is { } hidden)
        {
            return hidden;
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Entry(id, await service.ChangeAsync(id, Visible(caller), s => s with { Bypass = s.Bypass with { Secret = secret } }, EventKinds.BypassRotated,
            "bypass secret rotated; earlier bypass cookies no longer work", caller.Actor, cancellationToken));
    }

    /// <summary>The path and a full URL that hand out the bypass cookie (the site's first hostname that is not a wildcard).</summary>
    public static (string Path, string Url) BypassLink(Site site)
    {
        var path = $"/.sorry/bypass/{site.Bypass.Secret}";
        var host = site.Hostnames.FirstOrDefault(h => !h.StartsWith('*')) ?? site.Hostnames[0];
        return (path, $"http://{host}{path}");
    }

    /// <summary>Who is mailed when the site goes down, comes back or enters maintenance.</summary>
    public async Task<Outcome<SiteEntry>> SetNotifyEmailsAsync(AdminPrincipal caller, string id, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        if (FindVisible(caller, id) is not { } entry)
        {
            return NotFound(id);
        }

        var distinct = emails.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var errors = SiteValidator.Validate(entry.Site with { NotifyEmails = distinct })
            .Where(e => e.Key.StartsWith("notifyEmails", StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Value);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        return Entry(id, await service.ChangeAsync(id, Visible(caller), s => s with { NotifyEmails = distinct }, EventKinds.NotifyChanged,
            $"{distinct.Count} notification address(es)", caller.Actor, cancellationToken));
    }

    /// <summary>
    /// The check a write runs on the record it changes, under the write lock: the site is still the
    /// caller's (a staff member may have moved or re-created it meanwhile) and <paramref name="rule"/> holds.
    /// </summary>
    public static Func<SiteRecord, Refusal?> Visible(AdminPrincipal caller, Func<Site, Refusal?>? rule = null) =>
        record => !CanSee(caller, record.Site) ? NotFound(record.Site.Id) : rule?.Invoke(record.Site);

    /// <summary>The site as in force after a write, or why the write was refused.</summary>
    public Outcome<SiteEntry> Entry(string id, Outcome<SiteRecord> written)
    {
        if (written.Refusal is { } refused)
        {
            return refused;
        }

        return catalog.Find(id) is { } entry ? entry : NotFound(id);
    }

    private static Refusal? WindowRefusal(Site site, MaintenanceWindow window, DateTimeOffset now)
    {
        var errors = SiteValidator.WindowErrors(window).ToDictionary(e => e.Field, e => new[] { e.Message });
        if (window.End <= now)
        {
            errors["end"] = ["must be in the future"];
        }

        if (window.Mode == SiteMode.Redirect && site.Redirect is null)
        {
            errors["mode"] = ["the site has no redirect settings"];
        }

        if (site.Schedules.Count >= SiteValidator.MaxSchedules)
        {
            errors["schedules"] = [$"a site has at most {SiteValidator.MaxSchedules} windows; cancel old ones first"];
        }

        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    private static Refusal NotFound(string id) => Refusal.NotFound($"Site '{id}'");
}
