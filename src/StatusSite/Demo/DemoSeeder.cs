using StatusSite.Data;
using StatusSite.Domain;

namespace StatusSite.Demo;

/// <summary>Seeds a few grouped components into an empty database for the demo run.</summary>
internal sealed class DemoSeeder(StatusDatabase database, ComponentStore components, TimeProvider time)
{
    private static readonly (string Id, string Name, string Group)[] Seed =
    [
        ("edge-http", "HTTP edge", "Edge network"),
        ("edge-smtp", "SMTP front", "Edge network"),
        ("demo", "demo", "Customer sites"),
        ("mail-delivery", "Mail delivery", "Mail"),
        ("webmail", "Webmail", "Mail"),
    ];

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await database.WriteAsync(async (c, tx) =>
        {
            if ((await components.ListAsync(c, tx, ct)).Count > 0)
            {
                return false;
            }

            foreach (var (id, name, group) in Seed)
            {
                await components.InsertAsync(c, tx, new Component(id, name, group, ComponentStatus.Operational, 0, null, false, null, now, now), null, ct);
            }

            return true;
        }, ct);
    }
}
