using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary><c>page upload|versions|activate|rollback</c>: the site's own sorry page.</summary>
internal static class PageCommand
{
    public static Command Build(CliContext cli) =>
        new("page", "The site's sorry page: upload, list versions, activate, roll back") { Upload(cli), Versions(cli), Activate(cli), Rollback(cli) };

    private static Command Upload(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var file = new Argument<FileInfo>("file") { Description = "A single .html file, or a .zip with index.html and its assets" };
        file.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<FileInfo>();
            if (value is null || !value.Exists)
            {
                result.AddError($"File '{value?.FullName}' does not exist.");
            }
            else if (ContentType(value) is null)
            {
                result.AddError($"'{value.Name}' is neither .html, .htm nor .zip.");
            }
        });
        var noActivate = new Option<bool>("--no-activate") { Description = "Only store the version (preview it first); the active page stays" };
        var upload = new Command("upload", "Upload a page; it is active at once unless --no-activate") { site, file, noActivate };
        upload.SetAction((parse, ct) => cli.RunAsync(parse, async (api, c) =>
        {
            var path = parse.GetValue(file)!;
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(path.FullName, c));
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType(path)!);
            var query = parse.GetValue(noActivate) ? "?activate=false" : "";
            return await api.SendAsync(HttpMethod.Put, CliContext.Site(parse.GetValue(site)!) + "/sorry-page" + query, content, c);
        }, (v, o) => Uploaded(v, o, cli), ct));
        return upload;
    }

    private static void Uploaded(JsonNode v, TextWriter output, CliContext cli)
    {
        var active = (bool?)v["active"] == true;
        output.WriteLine($"Version {v["version"]} stored{(active ? " and active" : ", not active (activate it with `page activate`)")}: {v["files"]} file(s), {v["bytes"]} bytes.");
        output.WriteLine($"Preview: {cli.AdminUrl((string?)v["preview"])} (with the token, or in the portal)");
        foreach (var warning in v["warnings"]?.AsArray() ?? [])
        {
            output.WriteLine($"warning: {warning}");
        }
    }

    private static Command Versions(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var versions = new Command("versions", "List the stored versions (the last 10 are kept)") { site };
        versions.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) => api.GetAsync(CliContext.Site(parse.GetValue(site)!) + "/sorry-page/versions", c), (list, o) =>
        {
            var table = new TextTable("VERSION", "ACTIVE", "CREATED", "FILES", "BYTES", "WARNINGS");
            foreach (var v in list.AsArray().OfType<JsonObject>())
            {
                table.Add(v["version"]?.ToString(), (bool?)v["active"] == true ? "yes" : "no", CliContext.Iso(v["createdAt"]),
                    v["files"]?.ToString(), v["bytes"]?.ToString(), (v["warnings"]?.AsArray().Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            table.WriteTo(o, "No uploaded versions; the edge's default page is used.");
        }, ct));
        return versions;
    }

    private static Command Activate(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var version = new Argument<int>("version") { Description = "The version number, as `page versions` shows it" };
        var activate = new Command("activate", "Make a stored version the active page") { site, version };
        activate.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendAsync(HttpMethod.Post, $"{CliContext.Site(parse.GetValue(site)!)}/sorry-page/versions/{parse.GetValue(version)}/activate", null, c),
            (v, o) => o.WriteLine($"Version {v["version"]} is active."), ct));
        return activate;
    }

    private static Command Rollback(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var rollback = new Command("rollback", "Activate the version before the active one") { site };
        rollback.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendAsync(HttpMethod.Post, CliContext.Site(parse.GetValue(site)!) + "/sorry-page/rollback", null, c),
            (v, o) => o.WriteLine($"Rolled back: version {v["version"]} is active."), ct));
        return rollback;
    }

    private static string? ContentType(FileInfo file) => file.Extension.ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html",
        ".zip" => "application/zip",
        _ => null,
    };
}
