using System.Net.Sockets;
using System.Text;

namespace SorryEdge.Tests.Smtp;

/// <summary>A raw SMTP client over a real socket: writes bytes, reads CRLF lines with a deadline.</summary>
internal sealed class SmtpTestClient : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private SmtpTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.Latin1);
    }

    public Socket Socket => _tcp.Client;

    public static async Task<SmtpTestClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new SmtpTestClient(tcp);
    }

    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? ReadTimeout);
        return await _reader.ReadLineAsync(cts.Token);
    }

    /// <summary>Reads one full reply (multi-line replies joined by \n) or null at end of stream.</summary>
    public async Task<string?> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join("\n", lines);
            }
        }

        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Reads replies until the server closes; the server must close within the deadline.</summary>
    public async Task<List<string>> ReadToEndAsync()
    {
        var lines = new List<string>();
        try
        {
            while (await ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        }
        catch (IOException)
        {
            // A reset after the last reply still counts as closed.
        }

        return lines;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _tcp.Dispose();
    }
}
