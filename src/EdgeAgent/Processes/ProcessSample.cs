namespace EdgeAgent.Processes;

/// <summary>One process read from /proc/&lt;pid&gt;: memory, threads, descriptors and CPU ticks.</summary>
internal sealed record ProcessSample(int Pid, string Name, long RssKb, int Threads, int OpenFds, long CpuTicks, long StartTicks);
