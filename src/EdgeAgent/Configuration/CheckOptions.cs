namespace EdgeAgent.Configuration;

/// <summary>One check (an element of "Agent:Checks"); which fields apply depends on <see cref="Kind"/>.</summary>
internal sealed class CheckOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>load, memory, swap, disk, inodes, readonly, process, http, tcp, smtp or command.</summary>
    public string Kind { get; set; } = string.Empty;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Nagios range; a value outside it (inside with '@') is a warning.</summary>
    public string? Warning { get; set; }

    /// <summary>Nagios range; a value outside it (inside with '@') is critical.</summary>
    public string? Critical { get; set; }

    /// <summary>Clear band: how far back inside the better range a value must be to leave a level.</summary>
    public double Hysteresis { get; set; }

    /// <summary>Consecutive non-OK results before the state turns hard and counts.</summary>
    public int MaxAttempts { get; set; } = 3;

    public double FlapLowThreshold { get; set; } = 5;

    public double FlapHighThreshold { get; set; } = 20;

    /// <summary>load: load1, load5 or load15; process: rss, cpu, threads, fds or count.</summary>
    public string? Metric { get; set; }

    /// <summary>load: divide by the number of cores.</summary>
    public bool PerCore { get; set; } = true;

    /// <summary>disk, inodes, readonly: a path on the file system to watch.</summary>
    public string? Path { get; set; }

    public string? ProcessName { get; set; }

    public string? PidFile { get; set; }

    public string? SystemdUnit { get; set; }

    public string? Url { get; set; }

    public string? BodyContains { get; set; }

    /// <summary>http: the expected status; any 2xx or 3xx when not set.</summary>
    public int? ExpectStatus { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; }

    public string? Command { get; set; }

    public List<string> Arguments { get; set; } = [];

    /// <summary>command: which perfdata label gives the value; the first one when not set.</summary>
    public string? PerfLabel { get; set; }
}
