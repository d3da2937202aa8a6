using System.Runtime.InteropServices;

namespace EdgeAgent.Processes;

/// <summary>sysconf(_SC_CLK_TCK): the unit of the CPU times in /proc/pid/stat.</summary>
internal static class ClockTicks
{
    private const int ScClkTck = 2;

    public static readonly long PerSecond = Read();

    private static long Read()
    {
        var value = sysconf(ScClkTck);
        return value > 0 ? value : 100;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the project free of AllowUnsafeBlocks.
    [DllImport("libc")]
    private static extern long sysconf(int name);
#pragma warning restore SYSLIB1054
}
