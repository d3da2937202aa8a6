using dotnet_etcd;
using Etcdserverpb;
using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;

namespace SorryEdge.Cluster;

/// <summary>
/// The one door to etcd. Every call gets a deadline and our own short retry (the library's retry
/// policy is replaced, so a write is retried in exactly one place and writes carry a write id that
/// makes a retried compare-and-swap recognisable). Tracks whether the store is reachable: a failed
/// call or quorum probe marks it unavailable, the next success available again.
/// </summary>
internal sealed partial class EtcdGateway : IDisposable
{
    private const int Attempts = 3;

    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EtcdGateway> _logger;
    private volatile bool _available;
    private volatile string? _lastError = "not connected yet";

    public EtcdGateway(IOptions<ClusterOptions> options, TimeProvider time, ILogger<EtcdGateway> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        Client = new EtcdClient(string.Join(',', _options.Etcd.Endpoints), configureChannelOptions: o =>
        {
            // Round robin over every member, no built-in retries: ours is the only retry.
            o.ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } };
            o.MaxReceiveMessageSize = 64 << 20;
        });
    }

    public EtcdClient Client { get; }

    public bool Available => _available;

    public string? LastError => _lastError;

    /// <summary>Raised when the store becomes reachable or unreachable.</summary>
    public event Action<bool>? AvailabilityChanged;

    public Task<TxnResponse> TxnAsync(TxnRequest request, CancellationToken cancellationToken) =>
        CallAsync((deadline, ct) => Client.TransactionAsync(request, null, deadline, ct), cancellationToken);

    public Task<RangeResponse> GetAsync(RangeRequest request, CancellationToken cancellationToken) =>
        CallAsync((deadline, ct) => Client.GetAsync(request, null, deadline, ct), cancellationToken);

    public Task<PutResponse> PutAsync(PutRequest request, CancellationToken cancellationToken) =>
        CallAsync((deadline, ct) => Client.PutAsync(request, null, deadline, ct), cancellationToken);

    public Task<DeleteRangeResponse> DeleteAsync(DeleteRangeRequest request, CancellationToken cancellationToken) =>
        CallAsync((deadline, ct) => Client.DeleteAsync(request, null, deadline, ct), cancellationToken);

    public Task<LeaseGrantResponse> GrantLeaseAsync(long ttlSeconds, CancellationToken cancellationToken) =>
        CallAsync((deadline, ct) => Client.LeaseGrantAsync(new LeaseGrantRequest { TTL = ttlSeconds }, null, deadline, ct), cancellationToken);

    /// <summary>A linearizable read: answers only while a quorum of members agrees.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken) =>
        await GetAsync(new RangeRequest { Key = ClusterKeys.Bytes(_options.Prefix + "probe") }, cancellationToken);

    public void ReportFailure(Exception ex) => SetAvailable(false, ex.Message);

    private async Task<T> CallAsync<T>(Func<DateTime, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        Exception? last = null;
        // Once the store is known to be gone, one attempt: a refused write answers at once.
        var attempts = _available ? Attempts : 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(_options.CallTimeoutMs);
            try
            {
                var result = await call(deadline, cancellationToken);
                SetAvailable(true, null);
                return result;
            }
            catch (RpcException ex) when (IsTransient(ex.StatusCode))
            {
                last = ex;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                // Deadlines sometimes surface as a cancellation, a dead member as a transport error.
                last = ex;
            }

            if (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), _time, cancellationToken);
            }
        }

        SetAvailable(false, last!.Message);
        throw new ClusterUnavailableException("The cluster store (etcd) is unavailable: " + last.Message, last);
    }

    private static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Cancelled or StatusCode.Internal;

    private void SetAvailable(bool available, string? error)
    {
        _lastError = error;
        if (_available == available)
        {
            return;
        }

        _available = available;
        if (available)
        {
            LogAvailable();
        }
        else
        {
            LogUnavailable(error ?? "");
        }

        AvailabilityChanged?.Invoke(available);
    }

    public void Dispose() => Client.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster store (etcd) is reachable; writes are accepted")]
    private partial void LogAvailable();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster store (etcd) is unreachable ({Error}); serving the local copy, writes are refused")]
    private partial void LogUnavailable(string error);
}
