using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Subscribers;

/// <summary>A webhook failing for a day is disabled and staff get a mail (queued in the outbox), on a fake clock.</summary>
public sealed class WebhookDisableTests
{
    private const string StaffMail = "SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'noc@hosting.test' AND subject LIKE '%Webhook disabled%'";

    [Fact]
    public async Task Webhook_FailingForADay_DisabledAndStaffMailQueued()
    {
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.StatusCode(500);
        });
        await receiver.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StatusSiteHost.StartAsync(time, "--Status:Notifications:StaffAddresses:0=noc@hosting.test");
        await host.PutComponentAsync("db", "Database");
        using var added = await host.Staff.PostAsJsonAsync("/api/v1/subscribers", new { kind = "webhook", address = receiver.Urls.First() + "/hook" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (string)JsonNode.Parse(await added.Content.ReadAsStringAsync())!["id"]!;

        await host.PutComponentAsync("db", "Database", "major_outage");
        Assert.True(await StatusSiteHost.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref calls) >= 1)), "first call");
        time.Advance(TimeSpan.FromHours(25));
        Assert.True(await StatusSiteHost.EventuallyAsync(async () => (await SubscriberAsync(host, id))?.DisabledAt is not null), "disabled after a day");
        // The dispatcher disables the subscriber, gives up its queued calls and queues the staff mail in separate writes,
        // in that order: a single read right after the first one shows may come before the others. Wait for the last.
        Assert.True(await StatusSiteHost.EventuallyAsync(async () => await CountAsync(host, StaffMail) > 0), "staff mail queued");

        Assert.Equal(2, Volatile.Read(ref calls));
        Assert.Equal(1, await CountAsync(host, StaffMail));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NULL AND given_up_at IS NULL"));
        var listed = await host.Staff.GetFromJsonAsync<JsonArray>("/api/v1/subscribers");
        Assert.NotNull(listed!.Single()!["disabledAt"]);
    }

    private static async Task<StatusSite.Subscribers.Subscriber?> SubscriberAsync(StatusSiteHost host, string id)
    {
        var store = (StatusSite.Subscribers.SubscriberStore)host.Services.GetService(typeof(StatusSite.Subscribers.SubscriberStore))!;
        var db = (StatusSite.Data.StatusDatabase)host.Services.GetService(typeof(StatusSite.Data.StatusDatabase))!;
        await using var c = await db.OpenAsync(CancellationToken.None);
        return await store.GetAsync(c, null, id, CancellationToken.None);
    }

    private static async Task<long> CountAsync(StatusSiteHost host, string sql)
    {
        var db = (StatusSite.Data.StatusDatabase)host.Services.GetService(typeof(StatusSite.Data.StatusDatabase))!;
        await using var c = await db.OpenAsync(CancellationToken.None);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
