using EdgeAgent.Configuration;

namespace EdgeAgent.Probes;

/// <summary>Builds the probe for a configured check from its kind.</summary>
internal sealed class ProbeFactory(IHttpClientFactory httpClients, TimeProvider time)
{
    public const string HttpClientName = "probes";

    public ICheckProbe Create(CheckOptions check) => check.Kind switch
    {
        CheckKinds.Load => new LoadProbe(check.Metric ?? "load5", check.PerCore),
        CheckKinds.Memory => new MemoryProbe(swap: false),
        CheckKinds.Swap => new MemoryProbe(swap: true),
        CheckKinds.Disk => new FileSystemProbe(check.Path!, inodes: false),
        CheckKinds.Inodes => new FileSystemProbe(check.Path!, inodes: true),
        CheckKinds.ReadOnly => new ReadOnlyProbe(check.Path!, time),
        CheckKinds.Process => new ProcessProbe(check, time),
        CheckKinds.Http => new HttpProbe(httpClients.CreateClient(HttpClientName), new Uri(check.Url!), check.ExpectStatus,
            check.BodyContains, time),
        CheckKinds.Tcp => new TcpProbe(check.Host!, check.Port, time),
        CheckKinds.Smtp => new SmtpProbe(check.Host!, check.Port, time),
        CheckKinds.Command => new CommandProbe(check.Command!, check.Arguments, check.PerfLabel),
        _ => throw new ArgumentOutOfRangeException(nameof(check), check.Kind, "unknown check kind"),
    };
}
