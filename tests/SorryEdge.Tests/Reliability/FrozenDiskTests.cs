using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Reliability;

/// <summary>
/// Takeover never waits on the disk: with the edge's data filesystem frozen (a real ext4 image on
/// a loop device, <c>fsfreeze -f</c>), sites are still answered with their sorry pages at once.
/// </summary>
[Collection(Serial.Name)]
public sealed class FrozenDiskTests
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(2);

    [RootFact]
    public async Task Takeover_DataFilesystemFrozen_SorryAnswersServedFromMemoryAtOnce()
    {
        await using var disk = await LoopFilesystem.CreateAsync(64);
        await using var dying = await TestBackend.StartAsync("dying");
        await using var switched = await TestBackend.StartAsync("switched");
        var edge = await EdgeTestHost.StartAsync(dataDirectory: disk.MountPoint);
        try
        {
            await edge.PutSiteAsync("dying", EdgeTestHost.Site("dying.test", dying));
            await edge.PutSiteAsync("switched", EdgeTestHost.Site("switched.test", switched));
            using var page = new ByteArrayContent(Encoding.UTF8.GetBytes("<!doctype html><html><body>uploaded page of switched</body></html>"));
            page.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            using (var upload = await edge.Admin.PutAsync("/api/v1/sites/switched/sorry-page?activate=true", page))
            {
                Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            }

            using var dyingClient = edge.Client("dying.test");
            using var switchedClient = edge.Client("switched.test");
            await Poll.UntilAsync(async () => await dyingClient.GetStringAsync("/"), b => b == dying.Body, TimeSpan.FromSeconds(10), "forwarding to the dying backend");

            // Switched just before the disk stops: its first sorry answer comes after the freeze.
            await edge.SetModeAsync("switched", "maintenance");
            await disk.FreezeAsync();

            var (status, body, elapsed) = await TimedGetAsync(switchedClient);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("uploaded page of switched", body);
            Assert.True(elapsed < AtOnce, $"the first sorry answer after a switch took {elapsed.TotalMilliseconds:0} ms with the disk frozen");

            await dying.KillAsync();
            (status, body, elapsed) = await TimedGetAsync(dyingClient);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("Planned work on dying.test", body);
            Assert.True(elapsed < AtOnce, $"the rescue of a dead backend took {elapsed.TotalMilliseconds:0} ms with the disk frozen");

            // Later answers (probes now say down) are just as quick.
            (status, _, elapsed) = await TimedGetAsync(dyingClient);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(elapsed < AtOnce, $"a later sorry answer took {elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            // Thaw before stopping: the event writer is blocked on the frozen disk and shutdown drains it.
            await disk.ThawAsync();
            await edge.DisposeAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan Elapsed)> TimedGetAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        return (response.StatusCode, body, watch.Elapsed);
    }
}
