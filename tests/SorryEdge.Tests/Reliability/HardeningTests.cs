using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Data;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Reliability;

/// <summary>The edge refuses wrong input with a clear answer and defends its admin listener — attacked over real sockets.</summary>
[Collection(Serial.Name)]
public sealed class HardeningTests
{
    [Fact]
    public async Task AdminListener_ForeignHostHeader_400AndConfiguredNamesAnswered()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites");
        rebound.Headers.Host = "attacker.example";
        using var refused = await edge.Admin.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites");
        local.Headers.Host = "localhost";
        using var answered = await edge.Admin.SendAsync(local);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("no-store", answered.Headers.CacheControl?.ToString());

        // The data plane answers any Host (customers' names); its own 404 page, not a 400.
        using var data = edge.Client("attacker.example");
        Assert.Equal(HttpStatusCode.NotFound, (await data.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AdminListener_ConfiguredWildcardHost_Answered()
    {
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:Admin:AllowedHosts:0"] = "*.admin.example" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites");
        request.Headers.Host = "edge1.admin.example";
        Assert.Equal(HttpStatusCode.OK, (await edge.Admin.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await edge.Admin.GetAsync("/api/v1/sites")).StatusCode);
    }

    [Fact]
    public async Task IssuedToken_AnswerCarriesSecret_NoStore()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        using var response = await edge.Admin.PostAsJsonAsync("/api/v1/tokens", new { name = "ops" });
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("\"token\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task OpenApi_WithoutToken_401AndWithToken_200()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        using var anonymous = edge.AdminAs(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        using var wrong = edge.AdminAs("se_wrong-token-000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.Admin.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Path_WithEncodedCrLfOrNul_400OnBothListeners()
    {
        await using var backend = await TestBackend.StartAsync("crlf");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("crlf", EdgeTestHost.Site("crlf.test", [backend.Url], s => s["mode"] = "maintenance"));
        foreach (var path in new[] { "/a%0d%0aSet-Cookie:%20x=1", "/a%0aX", "/a%00b", "/.sorry/bypass/x%0d%0aLocation:%20http://evil" })
        {
            Assert.Equal(400, await RawHttp.SendAsync(edge.DataUri, $"GET {path} HTTP/1.1\r\nHost: crlf.test\r\nConnection: close\r\n\r\n"));
            Assert.Equal(400, await RawHttp.SendAsync(edge.AdminUri, $"GET /api/v1/sites{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {EdgeTestHost.Token}\r\nConnection: close\r\n\r\n"));
        }
    }

    [Fact]
    public async Task FailedTokens_OverTheLimit_429WithRetryAfterWhileOtherClientsWork()
    {
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:Admin:FailedAuthPerMinute"] = "3" });
        using var guesser = edge.AdminAs("se_guess-000000000000000000");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/sites")).StatusCode);
        }

        using var throttled = await guesser.GetAsync("/api/v1/sites");
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        var retry = throttled.Headers.RetryAfter?.Delta;
        Assert.True(retry is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After was {retry}");

        // The portal login from the same address is throttled too.
        using var portal = new SorryEdge.Tests.Portal.PortalSession(edge);
        using var login = await portal.LoginAsync("se_guess-000000000000000000");
        Assert.Equal((HttpStatusCode)429, login.StatusCode);
        Assert.Contains("Too many failed attempts", await login.Content.ReadAsStringAsync());

        // Another client (another address) with a valid token is not slowed at all.
        using var other = RawHttp.ClientFrom(IPAddress.Parse("127.0.0.2"), edge.AdminUri);
        other.DefaultRequestHeaders.Authorization = new("Bearer", EdgeTestHost.Token);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/sites")).StatusCode);
    }

    [Fact]
    public async Task UnauthenticatedFlood_AuditSampledNotARowPerRequest()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        using var anonymous = edge.AdminAs(null);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/sites/s{i}")).StatusCode);
        }

        await using var connection = await edge.Services.GetRequiredService<EdgeDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit WHERE status = 401";
        var rows = (long)(await command.ExecuteScalarAsync())!;
        Assert.InRange(rows, 1, 2);

        // A refused call with a wrong token is a write attempt worth its sample too, and authenticated calls are all recorded.
        Assert.Equal(HttpStatusCode.OK, (await edge.Admin.GetAsync("/api/v1/sites")).StatusCode);
        command.CommandText = "SELECT COUNT(*) FROM audit WHERE status = 200 AND token_id = 'bootstrap'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task MalformedBody_BadChunkOrShortBody_400NotSorryPage()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("body", EdgeTestHost.Site("body.test", [backend.Url]));
        using var client = edge.Client("body.test");
        await Poll.UntilAsync(async () => (await client.GetAsync("/headers")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "forwarding");

        var badChunk = "POST /upload HTTP/1.1\r\nHost: body.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nxx\r\n0\r\n\r\n";
        Assert.Equal(400, await RawHttp.SendAsync(edge.DataUri, badChunk));

        var shortBody = "POST /upload HTTP/1.1\r\nHost: body.test\r\nContent-Length: 100\r\n\r\nonly ten b";
        var status = await RawHttp.SendAsync(edge.DataUri, shortBody, halfClose: true);
        Assert.True(status is 400 or 0, $"a body shorter than Content-Length was answered {status}");
        Assert.NotEqual(503, status);

        // Nothing was taken for an outage: the site still forwards.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/headers")).StatusCode);
    }

    [Fact]
    public async Task RedirectUrl_WithCrLf_RefusedAndSiteUnchanged()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        var site = EdgeTestHost.Site("redir.test", ["http://127.0.0.1:9"], s =>
        {
            s["mode"] = "redirect";
            s["redirect"] = new { url = "https://status.example/\r\nSet-Cookie: session=stolen", status = 302 };
        });
        using var response = await edge.Admin.PutAsJsonAsync("/api/v1/sites/redir", site);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("redirect.url", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Admin.GetAsync("/api/v1/sites/redir")).StatusCode);
    }

    [Fact]
    public async Task Forwarding_UnderscoreHeadersDroppedAndClientForwardingHeadersReplaced()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("hdr", EdgeTestHost.Site("hdr.test", [backend.Url]));
        using var client = edge.Client("hdr.test");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.TryAddWithoutValidation("X_Auth_User", "admin");
        request.Headers.TryAddWithoutValidation("X-Real-IP", "6.6.6.6");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "6.6.6.6");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Server", "spoofed");
        request.Headers.TryAddWithoutValidation("Forwarded", "for=6.6.6.6");
        request.Headers.TryAddWithoutValidation("X-Kept", "yes");
        var seen = await Poll.UntilAsync(async () =>
        {
            using var copy = new HttpRequestMessage(HttpMethod.Get, "/headers");
            foreach (var h in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }

            using var response = await client.SendAsync(copy);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "";
        }, body => body.Length > 0, TimeSpan.FromSeconds(10), "the echo backend");

        Assert.DoesNotContain("X_Auth_User", seen, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("6.6.6.6", seen);
        Assert.DoesNotContain("spoofed", seen);
        Assert.Contains("X-Real-IP: 127.0.0.1", seen, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Forwarded-For: 127.0.0.1", seen, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Kept: yes", seen);
    }

    [Fact]
    public async Task SlowClients_DribbledBodyCutAndNeverReadingClientHeld_OthersServed()
    {
        await using var backend = await EchoBackend.StartAsync();
        await using var edge = await EdgeTestHost.StartAsync(new()
        {
            ["Edge:Limits:MinRequestBodyBytesPerSecond"] = "2000",
            // High enough that the megabytes a loopback socket buffers before the reader stalls
            // do not buy the slow reader minutes of credit.
            ["Edge:Limits:MinResponseBytesPerSecond"] = "1000000",
            ["Edge:Limits:DataRateGraceSeconds"] = "2",
        });
        // The forwarder's activity timeout is the site's response timeout: a write to a client that
        // stopped reading makes no progress, and after this long the edge lets go of the backend.
        await edge.PutSiteAsync("slow", EdgeTestHost.Site("slow.test", [backend.Url], s => s["responseTimeoutMs"] = 3000));
        using var client = edge.Client("slow.test");
        await Poll.UntilAsync(async () => (await client.GetAsync("/headers")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "forwarding");

        // A body dribbled at a few bytes a second: cut (408 or closed) well before it could finish.
        using var dribbler = new TcpClient();
        await dribbler.ConnectAsync(IPAddress.Loopback, edge.DataUri.Port);
        var dribble = dribbler.GetStream();
        await dribble.WriteAsync(Encoding.ASCII.GetBytes("POST /upload HTTP/1.1\r\nHost: slow.test\r\nContent-Length: 1000000\r\n\r\n"));
        var cut = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 600; i++)
                {
                    await dribble.WriteAsync("x"u8.ToArray());
                    await Task.Delay(100); // wait-ok: this is the slow client's pace, not a wait for a condition
                }

                return false;
            }
            catch (IOException)
            {
                return true;
            }
        });

        // A reader that never reads a 64 MB answer: the edge lets go of the backend.
        using var sluggard = new TcpClient { ReceiveBufferSize = 4096 };
        await sluggard.ConnectAsync(IPAddress.Loopback, edge.DataUri.Port);
        await sluggard.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /big HTTP/1.1\r\nHost: slow.test\r\n\r\n"));

        // Meanwhile the site and its probes keep working for everyone else.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/headers")).StatusCode);
        }

        var status = await RawHttp.ReadStatusAsync(dribble, TimeSpan.FromSeconds(30));
        Assert.True(status is 408 or 0, $"the dribbling client got {status}");
        Assert.True(await cut.WaitAsync(TimeSpan.FromSeconds(30)) || status == 408, "the dribbling client was never cut");
        // The never-reading client holds only its own connection: the backend's answer is cut once the
        // edge's writes to that client made no progress for the activity timeout.
        await backend.BigStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await backend.BigAborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var health = JsonNode.Parse(await edge.Admin.GetStringAsync("/api/v1/sites/slow"))!.ToJsonString();
        Assert.DoesNotContain("unhealthy", health);
    }
}
