using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

public sealed class SorryAnswerTests : IAsyncLifetime
{
    private TestBackend _backend = null!;
    private EdgeTestHost _edge = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.StartAsync("answers");
        _edge = await EdgeTestHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private async Task<HttpClient> MaintenanceSiteAsync(string host)
    {
        await _edge.PutSiteAsync(host.Split('.')[0], EdgeTestHost.Site(host, [_backend.Url], s => s["mode"] = "maintenance"));
        return _edge.Client(host);
    }

    [Fact]
    public async Task Maintenance_BrowserAccept_HtmlSorryPageWithHeaders()
    {
        using var client = await MaintenanceSiteAsync("html.test");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/some/page");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Planned work on html.test", html);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Equal(0, _backend.Hits);
    }

    [Fact]
    public async Task Maintenance_JsonAccept_JsonBody()
    {
        using var client = await MaintenanceSiteAsync("json.test");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(503, (int)json["status"]!);
        Assert.Equal(30, (int)json["retryAfterSeconds"]!);
        Assert.Equal("Planned work on json.test", (string?)json["message"]);
    }

    [Fact]
    public async Task Maintenance_NoAccept_PlainText()
    {
        using var client = await MaintenanceSiteAsync("text.test");
        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Planned work on text.test", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Maintenance_Head_HeadersWithoutBody()
    {
        using var client = await MaintenanceSiteAsync("head.test");
        using var request = new HttpRequestMessage(HttpMethod.Head, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 500);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Maintenance_GzipAccepted_PrecompressedHtmlDecodesToSamePage()
    {
        using var client = await MaintenanceSiteAsync("gzip.test");
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/");
        plain.Headers.Accept.ParseAdd("text/html");
        var html = await (await client.SendAsync(plain)).Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.SendAsync(request);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await gzip.CopyToAsync(decoded);
        Assert.Equal(html, decoded.ToArray());
    }

    [Theory]
    [InlineData(302, false, "/a/b?x=1", "https://elsewhere.test/sorry")]
    [InlineData(307, true, "/a/b?x=1", "https://elsewhere.test/sorry/a/b?x=1")]
    public async Task RedirectMode_Request_ExactLocationAndStatus(int status, bool keepPath, string path, string expected)
    {
        var host = $"r{status}.test";
        await _edge.PutSiteAsync($"r{status}", EdgeTestHost.Site(host, [_backend.Url], s =>
        {
            s["mode"] = "redirect";
            s["redirect"] = new { url = "https://elsewhere.test/sorry", status, keepPath };
        }));
        using var client = _edge.Client(host);
        using var response = await client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task PutSite_Redirect301_RefusedAndNothingStored()
    {
        using var response = await _edge.Admin.PutAsync("/api/v1/sites/r301", System.Net.Http.Json.JsonContent.Create(
            EdgeTestHost.Site("r301.test", [_backend.Url], s => s["redirect"] = new { url = "https://x.test/", status = 301 })));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("redirect.status", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _edge.Admin.GetAsync("/api/v1/sites/r301")).StatusCode);
    }

    [Fact]
    public async Task Maintenance_BypassCidr_ListedAddressReachesBackendOthersGetSorry()
    {
        await _edge.PutSiteAsync("cidr", EdgeTestHost.Site("cidr.test", [_backend.Url], s =>
        {
            s["mode"] = "maintenance";
            s["bypass"] = new { cidrs = new[] { "127.0.0.1/32" } };
        }));
        using var fromListed = _edge.Client("cidr.test", FromAddress(IPAddress.Loopback));
        using var fromOther = _edge.Client("cidr.test", FromAddress(IPAddress.Parse("127.0.0.2")));

        using var listed = await fromListed.GetAsync("/");
        using var other = await fromOther.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(_backend.Body, await listed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
    }

    [Fact]
    public async Task Maintenance_BypassCookieFromSecretUrl_ReachesBackend()
    {
        const string secret = "let-me-in-0123456789";
        await _edge.PutSiteAsync("cookie", EdgeTestHost.Site("cookie.test", [_backend.Url], s =>
        {
            s["mode"] = "maintenance";
            s["bypass"] = new { secret };
        }));
        using var client = _edge.Client("cookie.test");

        using var wrong = await client.GetAsync("/.sorry/bypass/not-the-secret-at-all");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var grant = await client.GetAsync($"/.sorry/bypass/{secret}");
        Assert.Equal(HttpStatusCode.SeeOther, grant.StatusCode);
        var cookie = grant.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        Assert.DoesNotContain(secret, cookie);

        using var without = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, without.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        using var with = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(_backend.Body, await with.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownHost_Request_EdgeOwn404NeverAnotherSite()
    {
        await _edge.PutSiteAsync("known", EdgeTestHost.Site("known.test", [_backend.Url]));
        using var client = _edge.Client("unknown.test");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("No site is configured for this address", body);
        Assert.DoesNotContain(_backend.Body, body);
        Assert.Equal(0, _backend.Hits);
    }

    [Fact]
    public async Task Forward_Request_BackendSeesOriginalHost()
    {
        await _edge.PutSiteAsync("vhost", EdgeTestHost.Site("vhost.test", [_backend.Url]));
        using var client = _edge.Client("vhost.test");
        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("vhost.test", response.Headers.GetValues("X-Seen-Host").Single());
    }

    private static SocketsHttpHandler FromAddress(IPAddress local) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint.Host == "127.0.0.1" ? IPAddress.Loopback : IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };
}
