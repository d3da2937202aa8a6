using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SorryEdge.Smtp;

/// <summary>
/// Binds the shared listeners (<c>Edge:Smtp:Shared</c>) and the SMTP listeners of all sites on
/// Kestrel's socket transport and keeps them in step with the site list: new endpoints are
/// bound, removed ones unbound, unchanged ones kept (a mode switch never drops a listener; the
/// handler reads the mode per connection). At shutdown it stops accepting, has every session
/// between commands answer 421, and gives the rest <c>Edge:Smtp:ShutdownGrace</c>.
/// </summary>
internal sealed class SmtpListenerManager(
    ISmtpSiteSource sites,
    IEnumerable<IConnectionListenerFactory> transports,
    ILoggerFactory loggers,
    SmtpConnectionHandler handler,
    SmtpDrain drain,
    IOptionsMonitor<SmtpOptions> options,
    TimeProvider time,
    ILogger<SmtpListenerManager> logger) : IHostedService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SmtpBoundListener> _listeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConnectionContext, Task> _connections = new();
    private readonly List<Task> _retiring = [];
    private readonly CancellationTokenSource _stopping = new();
    private IConnectionListenerFactory? _factory;
    private Task _watch = Task.CompletedTask;

    /// <summary>The configured listen strings and the endpoints actually bound (port 0 resolved).</summary>
    public IReadOnlyDictionary<string, EndPoint> BoundEndPoints
    {
        get
        {
            lock (_listeners)
            {
                return _listeners.ToDictionary(p => p.Key, p => p.Value.Listener.EndPoint, StringComparer.Ordinal);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Kestrel registers its socket transport in DI (the last registration wins, as with a single
        // lookup); a host without Kestrel gets one built through the transport's public API.
        _factory = transports.LastOrDefault()
            ?? new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers);
        var token = sites.GetChangeToken();
        await ReconcileAsync(cancellationToken);
        _watch = WatchAsync(token, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watch;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var listen in _listeners.Keys.ToList())
            {
                await UnbindAsync(listen);
            }
        }
        finally
        {
            _gate.Release();
        }

        // Sessions waiting for a command answer 421 4.3.2 and close; those in DATA, waiting on
        // a backend's verdict or spliced get the grace time, then are cut.
        var grace = options.CurrentValue.ShutdownGrace;
        SmtpLog.Draining(logger, _connections.Count, grace);
        await drain.BeginAsync();
        try
        {
            await Task.WhenAll(_connections.Values).WaitAsync(grace, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            foreach (var connection in _connections.Keys)
            {
                connection.Abort(new ConnectionAbortedException("The edge is stopping."));
            }
        }

        await Task.WhenAll(_connections.Values).WaitAsync(cancellationToken);
        Task[] retiring;
        lock (_retiring)
        {
            retiring = [.. _retiring];
        }

        await Task.WhenAll(retiring);
    }

    private async Task WatchAsync(Microsoft.Extensions.Primitives.IChangeToken token, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await SmtpChangeTokens.WaitAsync(token, stoppingToken);
                token = sites.GetChangeToken();
                await ReconcileAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A shared listener string is shared even if a site also names it.
            var shared = options.CurrentValue.Shared.ToHashSet(StringComparer.Ordinal);
            var wanted = sites.Sites.SelectMany(s => s.Settings.Listen).Concat(shared).ToHashSet(StringComparer.Ordinal);
            foreach (var listen in _listeners.Keys.Where(l => !wanted.Contains(l)).ToList())
            {
                await UnbindAsync(listen);
            }

            foreach (var listen in wanted.Where(l => !_listeners.ContainsKey(l)))
            {
                await BindAsync(listen, shared.Contains(listen), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SmtpLog.ReconcileFailed(logger, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BindAsync(string listen, bool shared, CancellationToken cancellationToken)
    {
        if (!IPEndPoint.TryParse(listen, out var endPoint))
        {
            SmtpLog.ListenerBindFailed(logger, listen, new FormatException($"'{listen}' is not ip:port."));
            return;
        }

        try
        {
            var listener = await _factory!.BindAsync(endPoint, cancellationToken);
            var bound = new SmtpBoundListener(listener, drain.Token);
            lock (_listeners)
            {
                _listeners[listen] = bound;
            }

            bound.AcceptLoop = AcceptLoopAsync(listen, shared, bound);
            SmtpLog.ListenerBound(logger, listen, listener.EndPoint);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A busy port must not stop the other sites; the next change retries it.
            SmtpLog.ListenerBindFailed(logger, listen, e);
        }
    }

    private async Task UnbindAsync(string listen)
    {
        SmtpBoundListener bound;
        lock (_listeners)
        {
            bound = _listeners[listen];
            _listeners.Remove(listen);
        }

        // Unbinding stops new connections; sessions between commands answer 421 (a reload is
        // announced like a shutdown), a transaction in progress runs to its end.
        await bound.Listener.UnbindAsync();
        await bound.AcceptLoop;
        await bound.DrainAsync();
        lock (_retiring)
        {
            _retiring.Add(RetireAsync(listen, bound));
        }
    }

    /// <summary>Disposes the listener once its last session ended: its memory pool backs their pipes.</summary>
    private async Task RetireAsync(string listen, SmtpBoundListener bound)
    {
        await Task.WhenAll(bound.Connections.Values);
        await bound.Listener.DisposeAsync();
        bound.Dispose();
        SmtpLog.ListenerUnbound(logger, listen);
    }

    private async Task AcceptLoopAsync(string listen, bool shared, SmtpBoundListener bound)
    {
        try
        {
            while (await bound.Listener.AcceptAsync() is { } connection)
            {
                connection.Features.Set(new SmtpListenFeature(listen, shared, bound.Draining));
                var served = ServeAsync(connection, bound);
                _connections[connection] = served;
                bound.Connections[connection] = served;
            }
        }
        catch (Exception e)
        {
            SmtpLog.AcceptFailed(logger, listen, e);
        }
    }

    private async Task ServeAsync(ConnectionContext connection, SmtpBoundListener bound)
    {
        // Off the accept loop at once, so one slow session never delays the next accept.
        await Task.Yield();
        try
        {
            await handler.OnConnectedAsync(connection);
        }
        finally
        {
            await connection.DisposeAsync();
            _connections.TryRemove(connection, out _);
            bound.Connections.TryRemove(connection, out _);
        }
    }
}
