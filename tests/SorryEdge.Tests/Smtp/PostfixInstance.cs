using System.Diagnostics;

namespace SorryEdge.Tests.Smtp;

/// <summary>
/// A throwaway Postfix with its own config, queue and log under a temp directory, relaying
/// everything to one host:port (recipe from shared/TESTING.md).
/// </summary>
internal sealed class PostfixInstance : IAsyncDisposable
{
    private const string MasterCf = """
        pickup    unix  n       -       n       60      1       pickup
        cleanup   unix  n       -       n       -       0       cleanup
        qmgr      unix  n       -       n       300     1       qmgr
        rewrite   unix  -       -       n       -       -       trivial-rewrite
        bounce    unix  -       -       n       -       0       bounce
        defer     unix  -       -       n       -       0       bounce
        trace     unix  -       -       n       -       0       bounce
        verify    unix  -       -       n       -       1       verify
        flush     unix  n       -       n       1000?   0       flush
        proxymap  unix  -       -       n       -       -       proxymap
        smtp      unix  -       -       n       -       -       smtp
        relay     unix  -       -       n       -       -       smtp
        showq     unix  n       -       n       -       -       showq
        error     unix  -       -       n       -       -       error
        retry     unix  -       -       n       -       -       error
        discard   unix  -       -       n       -       -       discard
        local     unix  -       n       n       -       -       local
        anvil     unix  -       -       n       -       1       anvil
        scache    unix  -       -       n       -       1       scache
        postlog   unix-dgram n  -       n       -       1       postlogd

        """;

    private readonly string _root;

    private PostfixInstance(string root) => _root = root;

    public string ConfigDirectory => Path.Combine(_root, "etc");

    public string MailLog => Path.Combine(_root, "maillog");

    /// <summary>
    /// Starts an instance relaying to <paramref name="relayPort"/>. <paramref name="mainCf"/> lines
    /// are appended to main.cf (later settings win) and <paramref name="masterCf"/> lines to
    /// master.cf, e.g. an <c>inet</c> smtpd for an instance that is itself a backend MX.
    /// </summary>
    public static async Task<PostfixInstance> StartAsync(int relayPort, string mainCf = "", string masterCf = "")
    {
        var root = Directory.CreateTempSubdirectory("postfix-").FullName;

        // Postfix daemons run as the postfix user and must traverse the tree.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0x1ED);
        }
        var instance = new PostfixInstance(root);
        Directory.CreateDirectory(instance.ConfigDirectory);
        Directory.CreateDirectory(Path.Combine(root, "spool"));
        Directory.CreateDirectory(Path.Combine(root, "data"));
        await File.WriteAllTextAsync(Path.Combine(instance.ConfigDirectory, "main.cf"), $"""
            compatibility_level = 3.6
            myhostname = test.localdomain
            mydomain = localdomain
            myorigin = $myhostname
            mydestination =
            queue_directory = {root}/spool
            data_directory = {root}/data
            meta_directory = /etc/postfix
            inet_interfaces = loopback-only
            inet_protocols = ipv4
            master_service_disable = inet
            relayhost = [127.0.0.1]:{relayPort}
            default_transport = smtp
            relay_transport = smtp
            smtp_tls_security_level = none
            smtp_host_lookup = native
            smtp_connection_cache_on_demand = no
            alias_maps =
            alias_database =
            local_recipient_maps =
            maillog_file = {root}/maillog
            maillog_file_prefixes = /var, /dev/stdout, {root}
            smtputf8_enable = no
            queue_run_delay = 1s
            minimal_backoff_time = 1s
            maximal_backoff_time = 2s
            {mainCf}
            """);
        await File.WriteAllTextAsync(Path.Combine(instance.ConfigDirectory, "master.cf"), MasterCf + masterCf);

        var check = await ExternalProcess.RunAsync("/usr/sbin/postfix", ["-c", instance.ConfigDirectory, "check"]);
        Assert.True(check.ExitCode == 0, $"postfix check failed: {check.Output}");
        await ExternalProcess.RunAsync("/bin/chown", ["postfix", Path.Combine(root, "data")]);
        var start = await ExternalProcess.RunAsync("/usr/sbin/postfix", ["-c", instance.ConfigDirectory, "start"]);
        Assert.True(start.ExitCode == 0, $"postfix start failed: {start.Output} {instance.ReadLog()}");
        return instance;
    }

    public Task SubmitAsync(string from, string to, string message) => SubmitAsync(from, [to], message);

    /// <summary>One submission to several recipients (one queue file, one message).</summary>
    public async Task SubmitAsync(string from, IReadOnlyList<string> to, string message)
    {
        var result = await ExternalProcess.RunAsync("/usr/sbin/sendmail", ["-C", ConfigDirectory, "-f", from, .. to], stdin: message);
        Assert.True(result.ExitCode == 0, $"sendmail failed: {result.Output}");
    }

    /// <summary><c>postqueue -j</c>: one JSON object per queued message.</summary>
    public async Task<string> QueueAsync() =>
        (await ExternalProcess.RunAsync("/usr/sbin/postqueue", ["-c", ConfigDirectory, "-j"])).Output;

    public async Task FlushAsync() => await ExternalProcess.RunAsync("/usr/sbin/postqueue", ["-c", ConfigDirectory, "-f"]);

    public string ReadLog()
    {
        if (!File.Exists(MailLog))
        {
            return "";
        }

        using var stream = new FileStream(MailLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        // The master holds a lock on its pid file that .NET's own advisory locking would trip
        // over, so cat reads it.
        var pidFile = Path.Combine(_root, "spool", "pid", "master.pid");
        var pidText = File.Exists(pidFile) ? (await ExternalProcess.RunAsync("/bin/cat", [pidFile])).Output : "";
        var pid = int.TryParse(pidText.Trim(), out var p) ? p : 0;
        await ExternalProcess.RunAsync("/usr/sbin/postfix", ["-c", ConfigDirectory, "stop"]);
        if (pid > 0)
        {
            try
            {
                using var master = Process.GetProcessById(pid);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await master.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    master.Kill(entireProcessTree: true);
                }
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Directory.Delete(_root, recursive: true);
    }
}
