using System.Diagnostics;
using System.Net.Sockets;

using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

/// <summary>Postfix's smtp-sink on 127.0.0.1, dumping every message to a file in its own directory.</summary>
internal sealed class SmtpSinkProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSinkProcess(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts on <paramref name="port"/> (a relay that comes back where the edge expects it) or a free one.</summary>
    public static async Task<SmtpSinkProcess> StartAsync(int? port = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("smtp-sink-").FullName;

        // smtp-sink drops privileges to nobody, who must be able to write the dumps.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        }
        var listen = port ?? FreePort.Next();
        var info = new ProcessStartInfo("/usr/sbin/smtp-sink") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-u", "nobody", "-d", Path.Combine(directory, "%Y%m%d%H%M%S."), $"127.0.0.1:{listen}", "50" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("smtp-sink did not start.");
        var sink = new SmtpSinkProcess(process, directory, listen);
        await Poll.UntilAsync(sink.Accepts, what: "smtp-sink listening");
        return sink;
    }

    public string[] Dumps() => System.IO.Directory.GetFiles(Directory);

    /// <summary>Every delivered message, parsed (smtp-sink prefixes its own X- headers, which MimeKit reads as headers).</summary>
    public List<MimeKit.MimeMessage> Messages()
    {
        var list = new List<MimeKit.MimeMessage>();
        foreach (var file in Dumps().Order())
        {
            try
            {
                list.Add(MimeKit.MimeMessage.Load(file));
            }
            catch (Exception ex) when (ex is IOException or FormatException)
            {
                // Still being written: the next poll reads it.
            }
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private bool Accepts()
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
