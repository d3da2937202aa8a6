using StatusSite.Data;

namespace StatusSite.Export;

/// <summary>Writes the whole public site to a folder any plain web server can serve.</summary>
internal sealed class StaticExporter(SiteDataLoader loader, Public.PublicSiteRenderer renderer)
{
    public async Task<int> ExportAsync(string folder, CancellationToken ct)
    {
        var root = Path.GetFullPath(folder);
        var site = renderer.Render(await loader.LoadAsync(ct));
        foreach (var document in site.Documents.Values)
        {
            var target = Path.GetFullPath(Path.Combine(root, document.ExportPath));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Refused to write outside {root}: {document.ExportPath}");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Write beside and move, so a web server serving the folder never sees half a file.
            var temp = target + ".tmp";
            await File.WriteAllBytesAsync(temp, document.Body, ct);
            File.Move(temp, target, overwrite: true);
        }

        return site.Documents.Count;
    }
}
