using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SorryEdge.Data;
using SorryEdge.Tests.Smtp;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Notifications;

/// <summary>
/// The edge's notification mail through a real relay (Postfix's smtp-sink), real backends on loopback sockets, and
/// the published (damped) state the status feed and mail follow.
/// </summary>
[Collection(Serial.Name)]
[Trait("Category", "RealPeer")]
public sealed class EdgeNotificationTests
{
    private const string Owner = "owner@customer.test";

    [Fact]
    public async Task SingleOutage_TenSeconds_ExactlyOneDownAndOneUpMailAndStatusChange()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        await using var backend = await TestBackend.StartAsync("single");
        await using var edge = await EdgeTestHost.StartAsync(Settings(sink.Port));
        await edge.PutSiteAsync("shop", EdgeTestHost.Site("shop.test", [backend.Url], s => s["notifyEmails"] = new[] { Owner }));
        using var client = edge.Client("shop.test");
        await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the site to forward");

        await backend.KillAsync();
        await Poll.UntilAsync(() => PublishedAsync(edge, "shop"), p => p.Count == 1, TimeSpan.FromSeconds(10), "the outage to be published");
        var downAt = DateTime.UtcNow;
        await Poll.UntilAsync(() => Task.FromResult(DateTime.UtcNow - downAt >= TimeSpan.FromSeconds(10)), ok => ok, TimeSpan.FromSeconds(15), "a ten-second outage");
        await backend.StartAsync();
        await Poll.UntilAsync(() => PublishedAsync(edge, "shop"), p => p.Count == 2, TimeSpan.FromSeconds(10), "the recovery to be published");
        await Poll.UntilAsync(() => UnsentAsync(edge), n => n == 0, TimeSpan.FromSeconds(20), "the mail outbox to drain");

        Assert.Equal(["down", "up"], await PublishedAsync(edge, "shop"));
        Assert.Equal(["operational", "major_outage", "operational"], await StatusRowsAsync(edge, "shop"));
        var mails = sink.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == Owner)).ToList();
        Assert.Equal(2, mails.Count);
        var down = Assert.Single(mails, m => (m.Subject ?? "").EndsWith("is down", StringComparison.Ordinal));
        var up = Assert.Single(mails, m => (m.Subject ?? "").EndsWith("is back up", StringComparison.Ordinal));
        Assert.Equal("auto-generated", down.Headers["Auto-Submitted"]);
        Assert.False(string.IsNullOrEmpty(down.MessageId));
        Assert.NotEqual(down.MessageId, up.MessageId);
        Assert.Contains(backend.Url + ": unhealthy", down.GetTextBody(MimeKit.Text.TextFormat.Plain)!);
        Assert.Contains("Cause: every backend is down", down.GetTextBody(MimeKit.Text.TextFormat.Plain)!);
        Assert.Matches(@"the outage lasted 1\d s", up.GetTextBody(MimeKit.Text.TextFormat.Plain)!);
    }

    [Fact]
    public async Task Flapping_BackendUpAndDownEvery500MsFor60s_AtMostSixPublishedChangesAndMails()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        await using var backend = await TestBackend.StartAsync("flappy");
        await using var edge = await EdgeTestHost.StartAsync(Settings(sink.Port));
        await edge.PutSiteAsync("flap", EdgeTestHost.Site("flap.test", [backend.Url], s =>
        {
            s["notifyEmails"] = new[] { Owner };
            s["health"] = new { path = "/health", intervalMs = 100, fastIntervalMs = 100, timeoutMs = 80, rise = 1, fall = 1 };
        }));
        using var client = edge.Client("flap.test");
        await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the site to forward");

        var end = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var up = true;
        while (DateTime.UtcNow < end)
        {
            var flipAt = DateTime.UtcNow + TimeSpan.FromMilliseconds(500);
            if (up)
            {
                await backend.KillAsync();
            }
            else
            {
                await backend.StartAsync();
            }

            up = !up;
            await Poll.UntilAsync(() => Task.FromResult(DateTime.UtcNow >= flipAt), ok => ok, TimeSpan.FromSeconds(5), "the next flip");
        }

        await Poll.UntilAsync(() => UnsentAsync(edge), n => n == 0, TimeSpan.FromSeconds(20), "the mail outbox to drain");
        var raw = await CountAsync(edge, "SELECT COUNT(*) FROM events WHERE site_id = 'flap' AND kind IN ('site.down', 'site.up')");
        var published = await PublishedAsync(edge, "flap");
        var mails = sink.Messages().Count(m => m.To.Mailboxes.Any(a => a.Address == Owner));
        var statusChanges = (await StatusRowsAsync(edge, "flap")).Count - 1;

        Assert.True(raw > 20, $"the backend must really have flapped (raw site changes: {raw})");
        Assert.InRange(published.Count, 2, 6);
        Assert.Contains("flapping", published);
        Assert.InRange(statusChanges, 2, 6);
        Assert.InRange(mails, 2, 6);
        var site = await edge.GetSiteAsync("flap");
        Assert.True((bool)site["state"]!["damping"]!["suppressed"]!);
        Assert.True((double)site["state"]!["damping"]!["penalty"]! >= 3000);
    }

    [Fact]
    public async Task RelayDownAtFirst_QueuedMailSurvivesRestartAndArrivesOnceWhenRelayReturns()
    {
        var relayPort = FreePort.Next();
        await using var backend = await TestBackend.StartAsync("relay");
        await using var edge = await EdgeTestHost.StartAsync(Settings(relayPort));
        await edge.PutSiteAsync("blog", EdgeTestHost.Site("blog.test", [backend.Url], s => s["notifyEmails"] = new[] { Owner }));
        await edge.SetModeAsync("blog", "maintenance");
        await edge.SetModeAsync("blog", "auto");
        await edge.SetModeAsync("blog", "maintenance");
        await Poll.UntilAsync(() => CountAsync(edge, "SELECT COUNT(*) FROM mail_outbox WHERE attempts > 0 AND sent_at IS NULL"), n => n == 3,
            TimeSpan.FromSeconds(20), "three mails tried against the dead relay");

        await edge.RestartAsync();
        await using var sink = await SmtpSinkProcess.StartAsync(relayPort);
        await Poll.UntilAsync(() => UnsentAsync(edge), n => n == 0, TimeSpan.FromSeconds(30), "the queued mail to reach the relay");

        var mails = sink.Messages();
        Assert.Equal(3, mails.Count);
        Assert.Equal(3, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(2, mails.Count(m => (m.Subject ?? "").Contains("Maintenance of blog started", StringComparison.Ordinal)));
        Assert.Single(mails, m => (m.Subject ?? "").Contains("Maintenance of blog ended", StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Equal("auto-generated", m.Headers["Auto-Submitted"]));
    }

    [Fact]
    public async Task FiftySitesFailingTogether_StaffGetOneDigest()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        await using var backend = await TestBackend.StartAsync("rack");
        var settings = Settings(sink.Port);
        settings["Edge:Notifications:StaffAddresses:0"] = "noc@hosting.test";
        settings["Edge:Notifications:DigestSeconds"] = "15";
        await using var edge = await EdgeTestHost.StartAsync(settings);
        for (var i = 0; i < 50; i++)
        {
            await edge.PutSiteAsync($"s{i}", EdgeTestHost.Site($"s{i}.rack.test", backend));
        }

        await Poll.UntilAsync(() => CountAsync(edge, "SELECT COUNT(*) FROM events WHERE kind = 'destination.up'"), n => n == 50,
            TimeSpan.FromSeconds(30), "every site's backend probed healthy");
        await backend.KillAsync();
        await Poll.UntilAsync(() => CountAsync(edge, "SELECT COUNT(*) FROM events WHERE kind = 'site.published' AND to_state = 'down'"), n => n == 50,
            TimeSpan.FromSeconds(20), "fifty outages published");
        await Poll.UntilAsync(() => CountAsync(edge, "SELECT COUNT(*) FROM staff_digest WHERE digested_at IS NULL"), n => n == 0,
            TimeSpan.FromSeconds(30), "the digest window to close");
        await Poll.UntilAsync(() => UnsentAsync(edge), n => n == 0, TimeSpan.FromSeconds(20), "the digest to be sent");

        var staff = sink.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == "noc@hosting.test")).ToList();
        var digest = Assert.Single(staff);
        Assert.Contains("Digest: 50 changes of 50 sites", digest.Subject);
        Assert.Contains("s49 is down", digest.GetTextBody(MimeKit.Text.TextFormat.Plain)!);
    }

    internal static Dictionary<string, string?> Settings(int relayPort) => new()
    {
        ["Edge:Notifications:Smtp:Host"] = "127.0.0.1",
        ["Edge:Notifications:Smtp:Port"] = relayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Edge:Notifications:Smtp:StartTls"] = "never",
        ["Edge:Notifications:Smtp:From"] = "edge@hosting.test",
        ["Edge:Notifications:Smtp:MaxRetrySeconds"] = "1",
        // The status feed queues its rows even while the status site is away: the test reads them.
        ["Edge:StatusSite:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
        ["Edge:StatusSite:MaxBackoffMs"] = "60000",
    };

    private static async Task<List<string>> PublishedAsync(EdgeTestHost edge, string site)
    {
        await FlushAsync(edge);
        return await ListAsync(edge, $"SELECT to_state FROM events WHERE site_id = '{site}' AND kind = 'site.published' ORDER BY id");
    }

    private static Task<List<string>> StatusRowsAsync(EdgeTestHost edge, string site) =>
        ListAsync(edge, $"SELECT status FROM status_outbox WHERE site_id = '{site}' ORDER BY id");

    private static Task<long> UnsentAsync(EdgeTestHost edge) =>
        CountAsync(edge, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL");

    private static Task FlushAsync(EdgeTestHost edge) =>
        edge.Services.GetRequiredService<SorryEdge.Data.SqliteEventRecorder>().FlushAsync(CancellationToken.None);

    private static async Task<long> CountAsync(EdgeTestHost edge, string sql)
    {
        await FlushAsync(edge);
        await using var c = await edge.Services.GetRequiredService<EdgeDatabase>().OpenAsync(CancellationToken.None);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(EdgeTestHost edge, string sql)
    {
        await using var c = await edge.Services.GetRequiredService<EdgeDatabase>().OpenAsync(CancellationToken.None);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
