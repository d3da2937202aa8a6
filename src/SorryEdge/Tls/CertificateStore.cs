using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SorryEdge.Configuration;

namespace SorryEdge.Tls;

/// <summary>
/// Per-site TLS certificates from a folder of PEM pairs, chosen by SNI. The folder is watched:
/// a renewed certificate is served from the next handshake on, without a restart. The SMTP
/// front's STARTTLS uses the same store.
/// </summary>
internal sealed partial class CertificateStore : IDisposable, Smtp.ISmtpCertificateSource
{
    private readonly string? _directory;
    private readonly ILogger<CertificateStore> _logger;
    private readonly PhysicalFileProvider? _watcher;
    private volatile Dictionary<string, X509Certificate2> _byName = new(StringComparer.OrdinalIgnoreCase);

    public CertificateStore(IOptions<EdgeOptions> options, ILogger<CertificateStore> logger)
    {
        _logger = logger;
        _directory = options.Value.Tls.CertificateDirectory is { } dir ? Path.GetFullPath(dir) : null;
        if (_directory is not null && Directory.Exists(_directory))
        {
            Load();
            _watcher = new PhysicalFileProvider(_directory) { UsePollingFileWatcher = true, UseActivePolling = true };
            ChangeToken.OnChange(() => _watcher.Watch("*.*"), Load);
        }
    }

    public int Count => _byName.Count;

    /// <summary>The certificate for an SNI name: exact, then wildcard, then the only one if there is just one.</summary>
    public X509Certificate2? Select(string? serverName)
    {
        var map = _byName;
        if (serverName is not null)
        {
            if (map.TryGetValue(serverName, out var exact))
            {
                return exact;
            }

            var dot = serverName.IndexOf('.');
            if (dot > 0 && map.TryGetValue("*" + serverName[dot..], out var wildcard))
            {
                return wildcard;
            }
        }

        var distinct = map.Values.Distinct().ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }

    private void Load()
    {
        var map = new Dictionary<string, X509Certificate2>(StringComparer.OrdinalIgnoreCase);
        foreach (var crt in Directory.EnumerateFiles(_directory!, "*.crt"))
        {
            var key = Path.ChangeExtension(crt, ".key");
            try
            {
                var certificate = X509Certificate2.CreateFromPemFile(crt, File.Exists(key) ? key : null);
                // Kestrel on Linux needs an exportable key; re-import through PKCS#12 as it recommends.
                certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
                foreach (var name in Names(certificate))
                {
                    map[name] = certificate;
                }
            }
            catch (Exception ex)
            {
                LogCertificateSkipped(crt, ex.Message);
            }
        }

        _byName = map;
        LogCertificatesLoaded(map.Count, _directory!);
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
            }
        }

        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.DnsName, false) is { Length: > 0 } cn)
        {
            names.Add(cn);
        }

        return names;
    }

    public void Dispose() => _watcher?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped certificate {File}: {Reason}")]
    private partial void LogCertificateSkipped(string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} certificate names from {Directory}")]
    private partial void LogCertificatesLoaded(int count, string directory);
}
