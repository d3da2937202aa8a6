using System.Security.Cryptography;
using System.Text;

namespace StatusSite.Public;

/// <summary>One rendered public document, held in memory until the next change.</summary>
internal sealed class PublicDocument
{
    public PublicDocument(string path, string exportPath, string contentType, string content, DateTimeOffset lastModified)
    {
        Path = path;
        ExportPath = exportPath;
        ContentType = contentType;
        Body = Encoding.UTF8.GetBytes(content);
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Body))[..20] + "\"";
        LastModified = lastModified;
        LastModifiedText = lastModified.ToString("R");
    }

    /// <summary>Request path, e.g. "/api/v2/summary.json".</summary>
    public string Path { get; }

    /// <summary>File path inside a static export, e.g. "incidents/abc/index.html".</summary>
    public string ExportPath { get; }

    public string ContentType { get; }

    public byte[] Body { get; }

    public string ETag { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>The Last-Modified header's value, formatted once.</summary>
    public string LastModifiedText { get; }
}
