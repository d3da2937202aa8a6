using System.Net;
using System.Net.Sockets;
using MailOutbox;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SorryEdge.Configuration;
using SorryEdge.Data;

namespace SorryEdge.Tests.Notifications;

/// <summary>
/// The edge's mail outbox against a relay that refuses every connection (a real socket, bound and not
/// listening) for more than a day, on a fake clock: retried with backoff, then given up exactly once.
/// </summary>
public sealed class MailGiveUpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sorryedge-mail-").FullName;

    [Fact]
    public async Task Relay_RefusingForADay_RetriedThenGivenUpOnceAndReported()
    {
        var database = new EdgeDatabase(Options.Create(new EdgeOptions { DataDirectory = _directory }), TimeProvider.System);
        await database.MigrateAsync(CancellationToken.None);
        using var relay = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        relay.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        var options = new SmtpRelayOptions { Host = "127.0.0.1", Port = ((IPEndPoint)relay.LocalEndPoint!).Port, StartTls = "never", From = "edge@example.test" };
        var givenUp = new List<(QueuedMail Mail, string Error)>();
        var worker = new MailOutboxWorker(database.OpenAsync, options, new OutboxSignal(), time, NullLogger<MailOutboxWorker>.Instance,
            (mail, error) =>
            {
                givenUp.Add((mail, error));
                return Task.CompletedTask;
            });
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await MailOutboxStore.EnqueueAsync(connection, null, new OutboxMail("ops@example.test", "shop is down", "body"), options.From, time.GetUtcNow(), CancellationToken.None);
        }

        Assert.Equal(0, await worker.PumpAsync(CancellationToken.None));
        Assert.Empty(givenUp);
        var retryAt = await NextDueAsync(database);
        Assert.NotNull(retryAt);
        Assert.True(retryAt > time.GetUtcNow(), "a refused message waits before its next attempt");

        // Still inside the day: tried again, not given up.
        time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await worker.PumpAsync(CancellationToken.None));
        Assert.Empty(givenUp);

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(10));
        await worker.PumpAsync(CancellationToken.None);
        var (mail, error) = Assert.Single(givenUp);
        Assert.Equal("ops@example.test", mail.Recipient);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Null(await NextDueAsync(database));

        // Given up means never sent nor reported again.
        time.Advance(TimeSpan.FromDays(2));
        await worker.PumpAsync(CancellationToken.None);
        Assert.Single(givenUp);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<DateTimeOffset?> NextDueAsync(EdgeDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await MailOutboxStore.NextDueAsync(connection, CancellationToken.None);
    }
}
