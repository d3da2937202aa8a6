using System.Security.Cryptography.X509Certificates;

namespace SorryEdge.Smtp;

/// <summary>
/// Where STARTTLS finds its certificate: the edge's HTTPS certificate store (PEM files, reloaded
/// on renewal), so the front is served with the same certificate as HTTPS for the same name.
/// </summary>
internal interface ISmtpCertificateSource
{
    /// <summary>The certificate for a name (SNI, else the front's hostname); null when there is none.</summary>
    X509Certificate2? Select(string? serverName);
}
