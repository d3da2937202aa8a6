using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Cluster;
using SorryEdge.Data;

namespace SorryEdge.StatusFeed;

/// <summary>
/// Delivers the outbox to the status site's ingest API strictly in order: a row is retried
/// with exponential backoff until the status site accepts it (or says it is a duplicate, which
/// the event id makes safe), and no later row overtakes it.
/// </summary>
internal sealed partial class StatusOutboxSender : BackgroundService
{
    private const string Pending = "SELECT id, payload, attempts FROM status_outbox WHERE delivered_at IS NULL ORDER BY id LIMIT 100";
    private const string MarkDelivered = "UPDATE status_outbox SET delivered_at = $at, last_error = $error WHERE id = $id";
    private const string MarkFailed = "UPDATE status_outbox SET attempts = attempts + 1, last_error = $error WHERE id = $id";

    private readonly EdgeDatabase _database;
    private readonly IOptions<StatusSiteOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusOutboxSender> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(15) };

    private readonly IOverseerRole _role;

    public StatusOutboxSender(EdgeDatabase database, StatusOutbox outbox, IOptions<StatusSiteOptions> options, IOverseerRole role, TimeProvider time, ILogger<StatusOutboxSender> logger)
    {
        _role = role;
        _database = database;
        _options = options;
        _time = time;
        _logger = logger;
        outbox.Queued += Wake;
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = _options.Value;
        if (o.Url is null)
        {
            return;
        }

        var endpoint = new Uri(new Uri(o.Url.TrimEnd('/') + "/"), "api/v1/ingest/events");
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_role.IsOverseer)
            {
                // In a cluster only the overseer speaks to the status site; every node keeps the rows,
                // so a node that becomes overseer sends what is pending (the status site drops ids it has).
                await Task.Delay(TimeSpan.FromMilliseconds(250), _time, stoppingToken);
                continue;
            }

            try
            {
                var sentAll = await DeliverAsync(endpoint, o.Token, stoppingToken);
                if (sentAll)
                {
                    failures = 0;
                    await WaitForWorkAsync(stoppingToken);
                    continue;
                }

                failures++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                LogPassFailed(ex);
            }

            var backoff = Math.Min(o.MaxBackoffMs, 250 * Math.Pow(2, Math.Min(failures, 16)));
            await Task.Delay(TimeSpan.FromMilliseconds(backoff), _time, stoppingToken);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        // Woken by a new row, or every 30 s in case a wake-up was missed; the loser is cancelled
        // so a pending wait never swallows a later signal.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(_wake.WaitAsync(cancel.Token), Task.Delay(TimeSpan.FromSeconds(30), _time, cancel.Token));
        await cancel.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>Sends pending rows in order; answers false at the first one the status site did not take.</summary>
    private async Task<bool> DeliverAsync(Uri endpoint, string? token, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string Payload)>();
        await using (var connection = await _database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Pending;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        foreach (var (id, payload) in rows)
        {
            string? error;
            bool done;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await _client.SendAsync(request, cancellationToken);
                var status = (int)response.StatusCode;
                // 2xx: taken (or already had it). 400: the status site will never take this body;
                // keeping it would block every later change, so it is set aside with its error.
                done = status is >= 200 and < 300 or 400;
                error = status is >= 200 and < 300 ? null : $"HTTP {status}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                if (status == 400)
                {
                    LogRejected(id, error!);
                }
            }
            catch (HttpRequestException ex)
            {
                done = false;
                error = ex.Message;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                done = false;
                error = "timed out: " + ex.Message;
            }

            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var update = connection.CreateCommand();
            update.CommandText = done ? MarkDelivered : MarkFailed;
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            update.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await update.ExecuteNonQueryAsync(cancellationToken);
            if (!done)
            {
                LogDeliveryFailed(id, error ?? "");
                return false;
            }
        }

        return true;
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status site did not take outbox row {Id} ({Error}); retrying with backoff")]
    private partial void LogDeliveryFailed(long id, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Status site refused outbox row {Id} for good: {Error}")]
    private partial void LogRejected(long id, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed; retrying")]
    private partial void LogPassFailed(Exception ex);
}
