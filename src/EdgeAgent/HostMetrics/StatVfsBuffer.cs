using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace EdgeAgent.HostMetrics;

/// <summary>The 64-bit Linux layout of struct statvfs (every counter an unsigned long), filled by libc.</summary>
[StructLayout(LayoutKind.Sequential)]
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Mirrors the C field names.")]
internal struct StatVfsBuffer
{
    public ulong f_bsize;
    public ulong f_frsize;
    public ulong f_blocks;
    public ulong f_bfree;
    public ulong f_bavail;
    public ulong f_files;
    public ulong f_ffree;
    public ulong f_favail;
    public ulong f_fsid;
    public ulong f_flag;
    public ulong f_namemax;
    public int f_spare0;
    public int f_spare1;
    public int f_spare2;
    public int f_spare3;
    public int f_spare4;
    public int f_spare5;
}
