using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace SorryEdge.Tests.Cli;

/// <summary>The built executable uploading, activating and rolling back sorry pages on a real edge.</summary>
public sealed class CliPageTests(CliEdgeFixture fixture) : IClassFixture<CliEdgeFixture>, IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("sorryedge-cli-");

    [Fact]
    public async Task PageUploadThenRollback_RunningEdge_ServesNewPageThenOldOne()
    {
        var (site, host) = await fixture.AddSiteAsync("page");
        Assert.Equal(0, (await fixture.RunAsync("maintenance", "on", site)).ExitCode);

        var first = await fixture.RunAsync("page", "upload", site, Html("v1.html", "<h1>First page</h1>"));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Version 1 stored and active", first.Stdout);
        await DataPlane.WaitForAsync(fixture.Edge, host, HttpStatusCode.ServiceUnavailable, "First page");

        var second = await fixture.RunAsync("page", "upload", site, Html("v2.html", "<h1>Second page</h1><img src=\"https://cdn.example.net/logo.png\">"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Version 2 stored and active", second.Stdout);
        Assert.Contains("warning: index.html: 'https://cdn.example.net/logo.png' loads from another host (cdn.example.net)", second.Stdout);
        await DataPlane.WaitForAsync(fixture.Edge, host, HttpStatusCode.ServiceUnavailable, "Second page");

        var rollback = await fixture.RunAsync("page", "rollback", site);
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("version 1 is active", rollback.Stdout);
        await DataPlane.WaitForAsync(fixture.Edge, host, HttpStatusCode.ServiceUnavailable, "First page");

        var versions = JsonNode.Parse((await fixture.RunAsync("page", "versions", site, "--json")).Stdout)!.AsArray();
        Assert.Equal([1], versions.Where(v => (bool)v!["active"]!).Select(v => (int)v!["version"]!));
        Assert.Equal(2, versions.Count);
    }

    [Fact]
    public async Task PageUploadZip_NoActivate_StoredInactiveUntilActivated()
    {
        var (site, host) = await fixture.AddSiteAsync("zip");
        Assert.Equal(0, (await fixture.RunAsync("maintenance", "on", site)).ExitCode);
        var zip = Path.Combine(_files.FullName, "page.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            await using (var writer = new StreamWriter(archive.CreateEntry("index.html").Open()))
            {
                await writer.WriteAsync("<html><head><link rel=\"stylesheet\" href=\"/.sorry/site.css\"></head><body><h1>Zipped page</h1></body></html>");
            }

            await using (var writer = new StreamWriter(archive.CreateEntry("site.css").Open()))
            {
                await writer.WriteAsync("h1 { color: teal; }");
            }
        }

        var upload = await fixture.RunAsync("page", "upload", site, zip, "--no-activate");
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Contains("Version 1 stored, not active", upload.Stdout);
        Assert.DoesNotContain("warning:", upload.Stdout);
        using (var client = fixture.Edge.Client(host))
        {
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
            Assert.DoesNotContain("Zipped page", await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        }

        var activate = await fixture.RunAsync("page", "activate", site, "1");
        Assert.True(activate.ExitCode == 0, activate.ToString());
        await DataPlane.WaitForAsync(fixture.Edge, host, HttpStatusCode.ServiceUnavailable, "Zipped page");
    }

    [Fact]
    public async Task PageUpload_RefusedByEdge_Exit1WithTitleAndNothingStored()
    {
        var (site, _) = await fixture.AddSiteAsync("refused");
        var latin1 = Path.Combine(_files.FullName, "latin1.html");
        await File.WriteAllBytesAsync(latin1, [.. "<h1>Caf"u8, 0xE9, .. "</h1>"u8]);

        var upload = await fixture.RunAsync("page", "upload", site, latin1);

        Assert.Equal(1, upload.ExitCode);
        Assert.StartsWith("error: 400 ", upload.Stderr);
        Assert.Empty(JsonNode.Parse((await fixture.RunAsync("page", "versions", site, "--json")).Stdout)!.AsArray());
    }

    [Fact]
    public async Task PageActivate_UnknownVersion_Exit1()
    {
        var (site, _) = await fixture.AddSiteAsync("nover");

        var activate = await fixture.RunAsync("page", "activate", site, "7");

        Assert.Equal(1, activate.ExitCode);
        Assert.Contains("Version 7", activate.Stderr);
    }

    private string Html(string name, string body)
    {
        var path = Path.Combine(_files.FullName, name);
        File.WriteAllText(path, $"<!doctype html><html><head><title>Down</title></head><body>{body}</body></html>");
        return path;
    }

    public void Dispose() => _files.Delete(recursive: true);
}
