namespace EdgeAgent.Configuration;

/// <summary>The names of the check kinds, as written in the configuration.</summary>
internal static class CheckKinds
{
    public const string Load = "load";
    public const string Memory = "memory";
    public const string Swap = "swap";
    public const string Disk = "disk";
    public const string Inodes = "inodes";
    public const string ReadOnly = "readonly";
    public const string Process = "process";
    public const string Http = "http";
    public const string Tcp = "tcp";
    public const string Smtp = "smtp";
    public const string Command = "command";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Load, Memory, Swap, Disk, Inodes, ReadOnly, Process, Http, Tcp, Smtp, Command,
    };
}
