using StatusSite.Data;
using StatusSite.Domain;
using StatusSite.Public;

namespace StatusSite.Staff;

/// <summary>Staff changes to components: create, rename, regroup, set status, publish or hide.</summary>
internal sealed class ComponentService(StatusDatabase database, ComponentStore components, PublicSiteCache cache, TimeProvider time)
{
    public async Task<StaffResult<Component>> UpsertAsync(string id, ComponentRequest request, CancellationToken ct)
    {
        if (!Slug.IsValid(id))
        {
            return StaffResult<Component>.Fail("id must be a slug: lowercase letters, digits, '.', '_' or '-', at most 63 characters.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return StaffResult<Component>.Fail("name is required (at most 200 characters).");
        }

        if (!ComponentStatus.IsValid(request.Status))
        {
            return StaffResult<Component>.Fail("status must be one of: " + string.Join(", ", ComponentStatus.All) + ".");
        }

        var group = string.IsNullOrWhiteSpace(request.Group) ? null : request.Group.Trim();
        if (group?.Length > 200)
        {
            return StaffResult<Component>.Fail("group must be at most 200 characters.");
        }

        var now = time.GetUtcNow();
        var saved = await database.WriteAsync(async (c, tx) =>
        {
            var current = await components.GetAsync(c, tx, id, ct);
            if (current is null)
            {
                await components.InsertAsync(c, tx, new Component(id, request.Name.Trim(), group, request.Status!, 0, null, false, null, now, now, request.Hidden ?? false), null, ct);
            }
            else
            {
                await components.UpdateDetailsAsync(c, tx, id, request.Name.Trim(), group, request.Hidden ?? current.Hidden, now, ct);
                await components.SetStatusAsync(c, tx, current, request.Status!, false, null, now, null, ct);
            }

            return (await components.GetAsync(c, tx, id, ct))!;
        }, ct);
        await cache.RebuildAsync(ct);
        return StaffResult<Component>.Success(saved);
    }
}
