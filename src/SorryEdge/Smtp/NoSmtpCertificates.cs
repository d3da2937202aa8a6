using System.Security.Cryptography.X509Certificates;

namespace SorryEdge.Smtp;

/// <summary>The certificate source of a host without a certificate store: STARTTLS is not offered.</summary>
internal sealed class NoSmtpCertificates : ISmtpCertificateSource
{
    public X509Certificate2? Select(string? serverName) => null;
}
