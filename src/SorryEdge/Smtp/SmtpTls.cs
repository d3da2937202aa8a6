using System.Net.Security;
using Microsoft.AspNetCore.Connections;

namespace SorryEdge.Smtp;

/// <summary>Turns a connection to TLS after the 220 to STARTTLS (RFC 3207 §4), with the certificate chosen as for HTTPS.</summary>
internal static class SmtpTls
{
    /// <summary>
    /// Runs the server handshake over the connection's pipes and swaps <c>connection.Transport</c>
    /// for the TLS pipes. The caller has discarded any plaintext read after STARTTLS (RFC 3207
    /// §4.2 and CVE-2011-0411: nothing sent before the handshake may count as a command after it).
    /// </summary>
    public static async Task<SmtpTlsPipe> StartAsync(ConnectionContext connection, ISmtpCertificateSource certificates, string hostname, CancellationToken cancellationToken)
    {
        var plain = connection.Transport;
        var ssl = new SslStream(new DuplexPipeStream(plain.Input, plain.Output), leaveInnerStreamOpen: true);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateSelectionCallback = (_, name) =>
                    certificates.Select(string.IsNullOrEmpty(name) ? hostname : name) ?? certificates.Select(hostname)!,
                ClientCertificateRequired = false,
            }, cancellationToken);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        var tls = new SmtpTlsPipe(ssl);
        connection.Transport = tls;
        return tls;
    }
}
