using Microsoft.Extensions.Options;
using SorryEdge.Operations;
using SorryEdge.Sites;

namespace SorryEdge.Pages;

/// <summary>
/// A site's sorry-page versions: store an upload, activate a version or the default page, roll
/// back, delete. The admin API and the portal both call these with the caller, so visibility and
/// the rules hold once.
/// </summary>
internal sealed class PageOperations(PageStore pages, SiteOperations sites, IOptions<UploadOptions> limits)
{
    public long MaxUploadBytes => limits.Value.MaxUploadBytes;

    /// <summary>An upload over <see cref="MaxUploadBytes"/>, refused before it is read whole.</summary>
    public Refusal TooLarge => Refusal.TooLarge("The upload is too large", $"At most {MaxUploadBytes} bytes.");

    /// <summary>Validates an upload (an HTML page or a zip with index.html) and stores it as the next version.</summary>
    public async Task<Outcome<PageVersion>> StoreAsync(AdminPrincipal caller, string id, byte[] body, string contentType, bool activate, CancellationToken cancellationToken)
    {
        if (sites.FindVisible(caller, id) is not { } entry)
        {
            return SiteNotFound(id);
        }

        ValidatedBundle bundle;
        try
        {
            bundle = BundleReader.Read(body, contentType, limits.Value, entry.Site.Hostnames);
        }
        catch (BundleRejected rejected)
        {
            return rejected.ToRefusal();
        }

        return await pages.SaveAsync(entry.Id, bundle, activate, caller.TokenId, cancellationToken);
    }

    /// <summary>The stored versions, newest last; null when the caller may not see the site.</summary>
    public async Task<Outcome<IReadOnlyList<PageVersion>>> ListAsync(AdminPrincipal caller, string id, CancellationToken cancellationToken) =>
        sites.FindVisible(caller, id) is null ? SiteNotFound(id) : Outcome.Of(await pages.ListAsync(id, cancellationToken));

    public async Task<Outcome<PageVersion>> ActivateAsync(AdminPrincipal caller, string id, int version, CancellationToken cancellationToken)
    {
        if (sites.FindVisible(caller, id) is null)
        {
            return SiteNotFound(id);
        }

        return await pages.ActivateAsync(id, version, cancellationToken) && await FindAsync(id, version, cancellationToken) is { } activated
            ? activated
            : VersionNotFound(id, version);
    }

    /// <summary>Answers with the edge's default page again; the stored versions stay.</summary>
    public async Task<Outcome<string>> UseDefaultAsync(AdminPrincipal caller, string id, CancellationToken cancellationToken)
    {
        if (sites.FindVisible(caller, id) is null)
        {
            return SiteNotFound(id);
        }

        await pages.ActivateAsync(id, null, cancellationToken);
        return id;
    }

    /// <summary>Activates the newest version older than the active one (or the newest, when the default page is active).</summary>
    public async Task<Outcome<PageVersion>> RollbackAsync(AdminPrincipal caller, string id, CancellationToken cancellationToken)
    {
        if (sites.FindVisible(caller, id) is null)
        {
            return SiteNotFound(id);
        }

        var versions = await pages.ListAsync(id, cancellationToken);
        var active = versions.FirstOrDefault(v => v.Active);
        var previous = versions.Where(v => !v.Active && (active is null || v.Version < active.Version)).MaxBy(v => v.Version);
        if (previous is null)
        {
            return Refusal.Conflict("There is no earlier version to roll back to");
        }

        await pages.ActivateAsync(id, previous.Version, cancellationToken);
        return previous with { Active = true };
    }

    public async Task<Outcome<int>> DeleteAsync(AdminPrincipal caller, string id, int version, CancellationToken cancellationToken)
    {
        if (sites.FindVisible(caller, id) is null)
        {
            return SiteNotFound(id);
        }

        if (await pages.DeleteAsync(id, version, cancellationToken))
        {
            return version;
        }

        return await FindAsync(id, version, cancellationToken) is not null
            ? Refusal.Conflict("The active version cannot be deleted", "Activate another version or the default page first.")
            : VersionNotFound(id, version);
    }

    /// <summary>A stored version's files for a preview, if the caller may see the site and the version exists.</summary>
    public async Task<Outcome<IReadOnlyDictionary<string, byte[]>>> LoadAsync(AdminPrincipal caller, string id, int version, CancellationToken cancellationToken) =>
        sites.FindVisible(caller, id) is null || await FindAsync(id, version, cancellationToken) is null
            ? VersionNotFound(id, version)
            : Outcome.Of(pages.LoadFiles(id, version));

    private async Task<PageVersion?> FindAsync(string id, int version, CancellationToken cancellationToken) =>
        (await pages.ListAsync(id, cancellationToken)).FirstOrDefault(v => v.Version == version);

    private static Refusal SiteNotFound(string id) => Refusal.NotFound($"Site '{id}'");

    private static Refusal VersionNotFound(string id, int version) => Refusal.NotFound($"Version {version} of site '{id}'");
}
