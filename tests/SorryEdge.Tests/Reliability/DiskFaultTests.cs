using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Reliability;

/// <summary>
/// A full or read-only data disk (a real ext4 image on a loop device) gives admin writes a clear
/// 507/503 problem naming the cause, leaves no temporary upload behind, and reads keep working.
/// </summary>
[Collection(Serial.Name)]
public sealed class DiskFaultTests
{
    [RootFact]
    public async Task Upload_DiskFull_507NamingTheCauseAndNoTemporaryFolderLeft()
    {
        await using var disk = await LoopFilesystem.CreateAsync(16);
        await using var edge = await EdgeTestHost.StartAsync(dataDirectory: disk.MountPoint);
        await edge.PutSiteAsync("full", EdgeTestHost.Site("full.test", ["http://127.0.0.1:9"], s => s["mode"] = "maintenance"));
        await disk.FillAsync();

        using var page = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("<html>" + new string('x', 200_000) + "</html>"));
        page.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        using var upload = await edge.Admin.PutAsync("/api/v1/sites/full/sorry-page?activate=true", page);
        var problem = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!;
        Assert.Equal((HttpStatusCode)507, upload.StatusCode);
        Assert.Equal("application/problem+json", upload.Content.Headers.ContentType?.MediaType);
        Assert.Contains("full", (string)problem["title"]!);
        var pages = Path.Combine(disk.MountPoint, "pages", "full");
        Assert.False(Directory.Exists(pages) && Directory.EnumerateDirectories(pages, ".tmp-*").Any(), "a temporary upload folder was left behind");

        // Reads keep working, and the site still answers with the page it had.
        Assert.Equal(HttpStatusCode.OK, (await edge.Admin.GetAsync("/api/v1/sites/full")).StatusCode);
        using var client = edge.Client("full.test");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
    }

    [RootFact]
    public async Task ModeSwitch_DiskReadOnly_503NamingTheCauseAndReadsKeepWorking()
    {
        await using var disk = await LoopFilesystem.CreateAsync(16);
        await using var edge = await EdgeTestHost.StartAsync(dataDirectory: disk.MountPoint);
        await edge.PutSiteAsync("ro", EdgeTestHost.Site("ro.test", ["http://127.0.0.1:9"]));
        await disk.RemountReadOnlyAsync();

        using var write = await edge.Admin.PutAsJsonAsync("/api/v1/sites/ro/mode", new { mode = "maintenance" });
        var problem = JsonNode.Parse(await write.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Contains("read-only", (string)problem["title"]!);

        // The read is answered even though its audit row cannot be written.
        using var read = await edge.Admin.GetAsync("/api/v1/sites/ro");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("auto", (string)JsonNode.Parse(await read.Content.ReadAsStringAsync())!["mode"]!);
    }
}
