namespace SorryEdge.Smtp;

/// <summary>One site's running probe loop in <see cref="SmtpBackendMonitor"/>: what it probes (the key), its verdict, and how to stop it.</summary>
internal sealed class SmtpProbeLoop(string key, SmtpBackendHealth health, CancellationTokenSource stop)
{
    public string Key { get; } = key;

    public SmtpBackendHealth Health { get; } = health;

    public CancellationTokenSource Stop { get; } = stop;

    public Task Loop { get; set; } = Task.CompletedTask;

    public async Task StopAsync()
    {
        await Stop.CancelAsync();
        await Loop;
        Stop.Dispose();
    }
}
