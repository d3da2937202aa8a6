using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// The shared listener's connection to one site's backend MX for one transaction: greeting,
/// EHLO, opportunistic STARTTLS, XCLIENT (or a PROXY header), then command lines and the
/// message content relayed as they come, each backend reply read back whole.
/// </summary>
internal sealed class SmtpBackendRelay : IAsyncDisposable
{
    private const int MaxReplyLine = 4096;
    private const int MaxReplyLines = 100;

    private readonly Socket _socket;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private Stream _stream;
    private PipeReader _reader;

    private SmtpBackendRelay(Socket socket, TimeSpan timeout, TimeProvider time)
    {
        _socket = socket;
        _timeout = timeout;
        _time = time;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    /// <summary>True once STARTTLS to the backend succeeded.</summary>
    public bool Encrypted { get; private set; }

    /// <summary>True when the backend accepted XCLIENT and knows the real client.</summary>
    public bool ClientForwarded { get; private set; }

    /// <summary>
    /// Connects and prepares a session up to (not including) MAIL. Null with
    /// <c>ConnectFailed</c> when the backend could not be reached (a passive health signal),
    /// null without it when it answered but not usefully.
    /// </summary>
    public static async Task<(SmtpBackendRelay? Relay, bool ConnectFailed)> OpenAsync(
        SmtpSite site, SmtpHostPort backend, SmtpRelayClient client, string hostname, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = await SmtpBackendConnector.ConnectAsync(backend, site.ProbeTimeout, time, cancellationToken);
        if (socket is null)
        {
            return (null, true);
        }

        var relay = new SmtpBackendRelay(socket, timeout, time);
        try
        {
            return (await relay.PrepareAsync(site, backend, client, hostname, cancellationToken) ? relay : null, false);
        }
        catch (Exception e) when (IsBackendFailure(e, cancellationToken))
        {
            await relay.DisposeAsync();
            return (null, false);
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> PrepareAsync(SmtpSite site, SmtpHostPort backend, SmtpRelayClient client, string hostname, CancellationToken cancellationToken)
    {
        if (site.Settings.ProxyProtocol is { } version)
        {
            await _stream.WriteAsync(ProxyProtocolHeader.Build(version, client.Remote, client.Local), cancellationToken);
        }

        if ((await ReadReplyAsync(cancellationToken)).Code != 220)
        {
            return false;
        }

        var ehlo = await CommandAsync($"EHLO {hostname}", cancellationToken);
        if (ehlo.Code != 250)
        {
            return false;
        }

        // Opportunistic TLS, as Postfix's smtp_tls_security_level=may: encrypt when offered,
        // accept any certificate (an MX's certificate is rarely verifiable by name).
        if (HasKeyword(ehlo, "STARTTLS") && (await CommandAsync("STARTTLS", cancellationToken)).Code == 220)
        {
            var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = backend.Host,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, cancellationToken);
            await _reader.CompleteAsync();
            _stream = ssl;
            _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
            Encrypted = true;
            ehlo = await CommandAsync($"EHLO {hostname}", cancellationToken);
            if (ehlo.Code != 250)
            {
                return false;
            }
        }

        if (KeywordArguments(ehlo, "XCLIENT") is { } attributes && Xclient(attributes, client) is { } xclient)
        {
            // Postfix answers XCLIENT with a new greeting; the session starts over (EHLO again).
            var reply = await CommandAsync(xclient, cancellationToken);
            if (reply.Code == 220)
            {
                ClientForwarded = true;
                var helo = client.Helo is { Length: > 0 } h ? h : hostname;
                return (await CommandAsync($"{(client.Esmtp ? "EHLO" : "HELO")} {helo}", cancellationToken)).Code == 250;
            }
        }

        return true;
    }

    public Task<SmtpReply> CommandAsync(string line, CancellationToken cancellationToken) =>
        CommandAsync(Encoding.UTF8.GetBytes(line), cancellationToken);

    /// <summary>Sends one command line as the client sent it (plus CRLF) and reads the backend's reply.</summary>
    public async Task<SmtpReply> CommandAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        var bytes = new byte[line.Length + 2];
        line.CopyTo(bytes);
        bytes[^2] = (byte)'\r';
        bytes[^1] = (byte)'\n';
        await WriteAsync(bytes, cancellationToken);
        return await ReadReplyAsync(cancellationToken);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var deadline = new CommandDeadline(_timeout, _time, cancellationToken);
        await _stream.WriteAsync(bytes, deadline.Token);
    }

    /// <summary>One whole reply (all lines of a multi-line one); malformed or oversized replies are a failure.</summary>
    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CommandDeadline(_timeout, _time, cancellationToken);
        var text = new StringBuilder();
        var lines = 0;
        while (true)
        {
            var result = await _reader.ReadAsync(deadline.Token);
            var buffer = result.Buffer;
            while (true)
            {
                var status = SmtpLineReader.TryReadLine(ref buffer, MaxReplyLine, out var line);
                if (status == SmtpLineStatus.Incomplete)
                {
                    break;
                }

                var content = status == SmtpLineStatus.Line ? Encoding.ASCII.GetString(line) : "";
                if (status == SmtpLineStatus.TooLong || ++lines > MaxReplyLines || !IsReplyLine(content))
                {
                    throw new IOException("The backend MX sent a malformed reply.");
                }

                text.Append(content).Append("\r\n");
                if (content.Length == 3 || content[3] == ' ')
                {
                    _reader.AdvanceTo(buffer.Start);
                    return new SmtpReply(text.ToString(), Close: false);
                }
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException("The backend MX closed the connection.");
            }
        }
    }

    /// <summary>Ends the backend's session politely (QUIT) and closes; never throws.</summary>
    public async Task QuitAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await _stream.WriteAsync("QUIT\r\n"u8.ToArray(), quick.Token);
            await ReadReplyAsync(quick.Token);
        }
        catch (Exception e) when (IsBackendFailure(e, CancellationToken.None))
        {
            // The backend is gone or slow; the connection closes anyway.
        }
        finally
        {
            await DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    /// <summary>A failure of the backend (I/O, TLS, its own timeout), as opposed to the client's connection being cancelled.</summary>
    public static bool IsBackendFailure(Exception e, CancellationToken cancellationToken) =>
        e is IOException or SocketException or AuthenticationException or ObjectDisposedException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static bool IsReplyLine(string line) =>
        line.Length >= 3 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2])
        && (line.Length == 3 || line[3] is ' ' or '-');

    private static bool HasKeyword(SmtpReply ehlo, string keyword) => KeywordArguments(ehlo, keyword) is not null;

    /// <summary>The arguments of an EHLO keyword (RFC 5321 §4.1.1.1), or null when it is not offered.</summary>
    private static string[]? KeywordArguments(SmtpReply ehlo, string keyword)
    {
        foreach (var line in ehlo.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var words = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && words[0].Equals(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return words[1..];
            }
        }

        return null;
    }

    /// <summary>Postfix's XCLIENT (postfix.org/XCLIENT_README.html) with the attributes the backend offers.</summary>
    private static string? Xclient(string[] offered, SmtpRelayClient client)
    {
        if (client.Remote is not IPEndPoint remote)
        {
            return null;
        }

        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        var attributes = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null && offered.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                attributes.Add($"{name}={XText(value)}");
            }
        }

        Add("ADDR", address.AddressFamily == AddressFamily.InterNetworkV6 ? $"IPV6:{address}" : address.ToString());
        Add("PORT", remote.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("NAME", "[UNAVAILABLE]");
        Add("HELO", client.Helo is { Length: > 0 } ? client.Helo : null);
        Add("PROTO", client.Esmtp ? "ESMTP" : "SMTP");
        return attributes.Count == 0 ? null : "XCLIENT " + string.Join(' ', attributes);
    }

    /// <summary>RFC 3461 xtext: '+', '=' and anything outside printable ASCII as "+XX".</summary>
    private static string XText(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            text.Append(b is > 0x20 and < 0x7F and not (byte)'+' and not (byte)'=' ? ((char)b).ToString() : $"+{b:X2}");
        }

        return text.ToString();
    }
}
