using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>What is written on one edge is served and honoured by every edge (real etcd, three real edges).</summary>
[Trait("Category", "RealPeer")]
[Collection(Serial.Name)]
public sealed class ClusterPropagationTests
{
    [Fact]
    public async Task Write_OnEdgeA_ServedAndHonouredByEdgesBAndC()
    {
        await using var backend = await TestBackend.StartAsync("shop");
        await using var cluster = await EdgeCluster.StartAsync();
        var (a, b, c) = (cluster.Edges[0], cluster.Edges[1], cluster.Edges[2]);

        // A site created on A is forwarded by B and C.
        await a.PutSiteAsync("shop", EdgeTestHost.Site("shop.test", backend));
        foreach (var edge in cluster.Edges)
        {
            using var client = edge.Client("shop.test");
            await Poll.UntilAsync(async () => await BodyAsync(client), body => body == backend.Body, TimeSpan.FromSeconds(10), "the site to be served");
        }

        // Maintenance switched on A: B and C answer the sorry page.
        await a.SetModeAsync("shop", "maintenance");
        foreach (var edge in cluster.Edges)
        {
            using var client = edge.Client("shop.test");
            await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "maintenance everywhere");
        }

        // A page uploaded on A is what C serves (every byte copied before it is active).
        var page = new ByteArrayContent("<html>cluster sorry page</html>"u8.ToArray());
        page.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        using (var upload = await a.Admin.PutAsync("/api/v1/sites/shop/sorry-page?activate=true", page))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        foreach (var edge in cluster.Edges)
        {
            using var client = edge.Client("shop.test");
            await Poll.UntilAsync(() => BodyAsync(client), body => body.Contains("cluster sorry page", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the uploaded page everywhere");
        }

        // A customer and its token created on A work on B; revoked on B, the token stops on A.
        await a.CreateCustomerAsync("acme");
        var (tokenId, token) = await a.IssueTokenAsync("acme");
        using var onB = b.AdminAs(token);
        await Poll.UntilAsync(async () => (await onB.GetAsync("/api/v1/sites")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the token to work on B");
        using var onA = a.AdminAs(token);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/v1/sites")).StatusCode);
        using (var revoke = await b.Admin.DeleteAsync($"/api/v1/tokens/{tokenId}"))
        {
            Assert.True(revoke.IsSuccessStatusCode, $"revoke: {(int)revoke.StatusCode}");
        }

        await Poll.UntilAsync(async () => (await onA.GetAsync("/api/v1/sites")).StatusCode, s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the revoked token to stop on A");
        await Poll.UntilAsync(async () => (await c.AdminAs(token).GetAsync("/api/v1/sites")).StatusCode, s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the revoked token to stop on C");

        // The history of the writes is the same on every edge.
        var onC = await Poll.UntilAsync(() => c.EventsAsync("shop"), e => e.Any(x => (string?)x!["kind"] == "mode"), TimeSpan.FromSeconds(10), "the mode event on C");
        Assert.Contains(onC, e => (string?)e!["kind"] == "site.created");
        Assert.Contains(onC, e => (string?)e!["kind"] == "mode" && (string?)e!["to"] == "maintenance");
    }

    private static async Task<string> BodyAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
