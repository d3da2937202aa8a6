using System.ComponentModel;
using System.Runtime.InteropServices;

namespace EdgeAgent.HostMetrics;

/// <summary>statvfs(3) through libc: DriveInfo has no inode counts and no read-only flag.</summary>
internal static class StatVfs
{
    private const ulong ReadOnlyFlag = 1; // ST_RDONLY

    public static FileSystemUsage Read(string path)
    {
        if (statvfs(path, out var s) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new Win32Exception(errno, $"statvfs({path}) failed: {new Win32Exception(errno).Message}");
        }

        var blockSize = s.f_frsize != 0 ? s.f_frsize : s.f_bsize;
        return new FileSystemUsage(s.f_blocks, s.f_bfree, s.f_bavail, blockSize, s.f_files, s.f_ffree,
            (s.f_flag & ReadOnlyFlag) != 0);
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the project free of AllowUnsafeBlocks.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int statvfs(string path, out StatVfsBuffer buffer);
#pragma warning restore SYSLIB1054
}
