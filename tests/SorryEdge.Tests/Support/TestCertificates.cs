using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SorryEdge.Tests.Support;

/// <summary>Self-signed PEM pairs (<c>NAME.crt</c>, <c>NAME.key</c>) as the edge's certificate folder expects them.</summary>
public static class TestCertificates
{
    public static void WritePem(string directory, string name, string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(directory, name + ".crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, name + ".key"), key.ExportPkcs8PrivateKeyPem());
    }
}
