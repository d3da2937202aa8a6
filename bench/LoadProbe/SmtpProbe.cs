using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadProbe;

/// <summary>
/// Closed-loop SMTP sessions against a temp-fail responder: connect, greeting, EHLO, MAIL, RCPT, QUIT.
/// A session counts when the server deferred it with a 4xx (at the greeting or at RCPT) and closed
/// cleanly. Postfix's smtp-source cannot do this: it exits on the first rejected recipient.
/// </summary>
internal static class SmtpProbe
{
    public static async Task<int> RunAsync(CommandArgs args, CancellationToken cancellationToken)
    {
        var endpoint = IPEndPoint.Parse(args.Get("server"));
        var concurrency = args.Int("concurrency", 64);
        var seconds = args.Double("seconds");
        long deferred = 0, accepted = 0, failed = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < until && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var outcome = await SessionAsync(endpoint, cancellationToken);
                    Interlocked.Increment(ref outcome == '4' ? ref deferred : ref accepted);
                }
                catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"sessions={deferred} per_second={deferred / elapsed:F0} not_deferred={accepted} failed={failed} seconds={elapsed:F1}"));
        if (firstError is not null)
        {
            Console.WriteLine("first_error=" + firstError.Replace(' ', '_'));
        }

        return 0;
    }

    /// <summary>One session; answers the first digit of the reply that ended it ('4' when deferred).</summary>
    private static async Task<char> SessionAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var greeting = await ReplyAsync(reader, cancellationToken);
        if (greeting != '2')
        {
            return greeting;
        }

        foreach (var command in new[] { "EHLO bench.test", "MAIL FROM:<a@x.test>", "RCPT TO:<b@y.test>" })
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
            var reply = await ReplyAsync(reader, cancellationToken);
            if (reply != '2')
            {
                await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken);
                await ReplyAsync(reader, cancellationToken);
                return reply;
            }
        }

        await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken);
        await ReplyAsync(reader, cancellationToken);
        return '2';
    }

    private static async Task<char> ReplyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("connection closed before a reply");
            if (line.Length < 4)
            {
                throw new InvalidDataException($"short reply '{line}'");
            }

            if (line[3] == ' ')
            {
                return line[0];
            }
        }
    }
}
