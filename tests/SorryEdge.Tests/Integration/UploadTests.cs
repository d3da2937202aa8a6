using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Pages;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

public sealed class UploadTests : IAsyncLifetime
{
    private const string Original = "<!doctype html><html><body>original page</body></html>";
    private EdgeTestHost _edge = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeTestHost.StartAsync(new() { ["Edge:Uploads:MaxUploadBytes"] = "200000", ["Edge:Uploads:MaxFiles"] = "20" });
        await _edge.PutSiteAsync("up", EdgeTestHost.Site("up.test", ["http://127.0.0.1:9"], s => s["mode"] = "maintenance"));
        var first = await UploadAsync(Encoding.UTF8.GetBytes(Original), "text/html");
        Assert.Equal(HttpStatusCode.Created, first.Status);
    }

    public Task DisposeAsync() => _edge.DisposeAsync().AsTask();

    public static TheoryData<string, string> HostileZips => new()
    {
        { "zip slip", "The zip contains a path that leaves its folder" },
        { "absolute path", "The zip contains an absolute path" },
        { "symlink", "The zip contains a link" },
        { "duplicate", "The zip contains a name twice" },
        { "no index", "The upload has no index.html" },
        { "latin-1 index", "index.html is not UTF-8" },
        { "executable", "A file type is not allowed" },
        { "fake png", "A file is not what its name says" },
        { "bomb", "The zip expands too much" },
        { "too many files", "The zip has too many files" },
        { "not a zip", "The upload is not a valid zip" },
    };

    [Theory]
    [MemberData(nameof(HostileZips))]
    public async Task Upload_HostileZip_RefusedWithReasonAndActivePageUnchanged(string kind, string title)
    {
        var (status, json) = await UploadAsync(Build(kind), "application/zip");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(title, (string?)json["title"]);
        await AssertOriginalServedAsync();
    }

    [Fact]
    public async Task Upload_OverSizeLimit_413AndUnchanged()
    {
        var (status, _) = await UploadAsync(new byte[300_000], "application/zip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        await AssertOriginalServedAsync();
    }

    [Fact]
    public async Task Upload_WrongContentType_415AndUnchanged()
    {
        var (status, _) = await UploadAsync("hello"u8.ToArray(), "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        await AssertOriginalServedAsync();
    }

    [Fact]
    public async Task Upload_ZipWithAssets_ServedWithAssetsAndWarnings()
    {
        var zip = Zip(("site/index.html", "<html><link href=\"/.sorry/style.css\" rel=stylesheet><img src=\"/logo.png\"><script src=\"https://cdn.example/a.js\"></script>new page</html>"u8.ToArray()),
            ("site/style.css", "body{color:teal}"u8.ToArray()));
        var (status, json) = await UploadAsync(zip, "application/zip");

        Assert.Equal(HttpStatusCode.Created, status);
        var warnings = json["warnings"]!.AsArray().Select(w => (string)w!).ToList();
        Assert.Contains(warnings, w => w.Contains("/logo.png", StringComparison.Ordinal) && w.Contains("outside /.sorry/", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("cdn.example", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("style.css", StringComparison.Ordinal));
        using var client = _edge.Client("up.test");
        Assert.Contains("new page", await GetHtmlAsync(client));
        using var css = await client.GetAsync("/.sorry/style.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("body{color:teal}", await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_WithoutActivate_StoredPreviewableNotServedUntilActivated()
    {
        var (status, json) = await UploadAsync("<html>candidate</html>"u8.ToArray(), "text/html", activate: false);
        Assert.Equal(HttpStatusCode.Created, status);
        var version = (int)json["version"]!;
        await AssertOriginalServedAsync();

        using var preview = await _edge.Admin.GetAsync($"/api/v1/sites/up/sorry-page/versions/{version}/preview/");
        Assert.Equal("<html>candidate</html>", await preview.Content.ReadAsStringAsync());
        Assert.Equal("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single());

        Assert.Equal(HttpStatusCode.OK, (await _edge.Admin.PostAsync($"/api/v1/sites/up/sorry-page/versions/{version}/activate", null)).StatusCode);
        Assert.Contains("candidate", await GetHtmlAsync(_edge.Client("up.test")));
        Assert.Equal(HttpStatusCode.OK, (await _edge.Admin.PostAsync("/api/v1/sites/up/sorry-page/rollback", null)).StatusCode);
        await AssertOriginalServedAsync();
    }

    [Fact]
    public async Task Upload_TwelveVersions_LastTenKept()
    {
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(Encoding.UTF8.GetBytes($"<html>v{i}</html>"), "text/html")).Status);
        }

        var versions = JsonNode.Parse(await _edge.Admin.GetStringAsync("/api/v1/sites/up/sorry-page/versions"))!.AsArray();
        Assert.Equal(10, versions.Count);
        Assert.Equal(13, (int)versions[0]!["version"]!);
        Assert.True((bool)versions[0]!["active"]!);
    }

    [Theory]
    [InlineData("files-written")]
    [InlineData("folder-renamed")]
    [InlineData("before-commit")]
    public async Task Upload_CrashMidActivation_OldPageStillServedAfterRestart(string point)
    {
        var pages = _edge.Services.GetRequiredService<PageStore>();
        pages.FaultPoint = p => p == point ? throw new IOException("simulated crash at " + p) : Task.CompletedTask;
        var (status, _) = await UploadAsync("<html>half-written</html>"u8.ToArray(), "text/html");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        await AssertOriginalServedAsync();

        await _edge.RestartAsync();
        await AssertOriginalServedAsync();
        var root = Path.Combine(_edge.DataDirectory, "pages", "up");
        Assert.Single(Directory.GetDirectories(root));
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync("<html>after</html>"u8.ToArray(), "text/html")).Status);
        Assert.Contains("after", await GetHtmlAsync(_edge.Client("up.test")));
    }

    private async Task AssertOriginalServedAsync() =>
        Assert.Contains("original page", await GetHtmlAsync(_edge.Client("up.test")));

    private static async Task<string> GetHtmlAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(HttpStatusCode Status, JsonNode Json)> UploadAsync(byte[] body, string type, bool activate = true)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var response = await _edge.Admin.PutAsync($"/api/v1/sites/up/sorry-page?activate={activate.ToString().ToLowerInvariant()}", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)! : new JsonObject());
    }

    private static byte[] Build(string kind) => kind switch
    {
        "zip slip" => Zip(("index.html", "<html>x</html>"u8.ToArray()), ("../../evil.html", "<html>x</html>"u8.ToArray())),
        "absolute path" => Zip(("index.html", "<html>x</html>"u8.ToArray()), ("/etc/cron.d/x.txt", "x"u8.ToArray())),
        "symlink" => Zip(entry => entry.FullName == "link.css" ? entry.ExternalAttributes = unchecked((int)0xA1FF0000) : 0,
            ("index.html", "<html>x</html>"u8.ToArray()), ("link.css", "/etc/passwd"u8.ToArray())),
        "duplicate" => Zip(("index.html", "<html>x</html>"u8.ToArray()), ("INDEX.html", "<html>y</html>"u8.ToArray())),
        "no index" => Zip(("home.html", "<html>x</html>"u8.ToArray())),
        "latin-1 index" => Zip(("index.html", [0x3C, 0x68, 0x3E, 0xE9, 0x74, 0xE9, 0x3C, 0x2F, 0x68, 0x3E])),
        "executable" => Zip(("index.html", "<html>x</html>"u8.ToArray()), ("tool.exe", [0x4D, 0x5A, 0x90, 0x00])),
        "fake png" => Zip(("index.html", "<html>x</html>"u8.ToArray()), ("logo.png", "<script>alert(1)</script>"u8.ToArray())),
        "bomb" => Zip(("index.html", "<html>x</html>"u8.ToArray()), ("big.txt", new byte[30 * 1024 * 1024])),
        "too many files" => Zip(Enumerable.Range(0, 25).Select(i => ($"p{i}.html", "<html>x</html>"u8.ToArray())).Append(("index.html", "<html>x</html>"u8.ToArray())).ToArray()),
        "not a zip" => "PK\u0003\u0004 this is not really a zip"u8.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Zip(params (string Name, byte[] Bytes)[] files) => Zip(_ => 0, files);

    private static byte[] Zip(Func<ZipArchiveEntry, int> adjust, params (string Name, byte[] Bytes)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize);
                adjust(entry);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}
