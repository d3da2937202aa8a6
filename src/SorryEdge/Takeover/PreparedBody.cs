using System.IO.Compression;

namespace SorryEdge.Takeover;

/// <summary>A response body encoded once, with pre-compressed variants for clients that accept them.</summary>
public sealed class PreparedBody
{
    private const int CompressAbove = 256;

    public PreparedBody(string contentType, byte[] identity)
    {
        ContentType = contentType;
        Identity = identity;
        if (identity.Length > CompressAbove && IsCompressible(contentType))
        {
            Gzip = Compress(identity, s => new GZipStream(s, CompressionLevel.SmallestSize));
            Brotli = Compress(identity, s => new BrotliStream(s, CompressionLevel.SmallestSize));
        }
    }

    public string ContentType { get; }

    public byte[] Identity { get; }

    public byte[]? Gzip { get; }

    public byte[]? Brotli { get; }

    /// <summary>Picks the smallest variant the client accepts; answers the bytes and the Content-Encoding (or null).</summary>
    public (byte[] Bytes, string? Encoding) Select(string? acceptEncoding)
    {
        if (Brotli is not null && acceptEncoding is not null && acceptEncoding.Contains("br", StringComparison.OrdinalIgnoreCase))
        {
            return (Brotli, "br");
        }

        if (Gzip is not null && acceptEncoding is not null && acceptEncoding.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return (Gzip, "gzip");
        }

        return (Identity, null);
    }

    private static bool IsCompressible(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal)
        || contentType.Contains("json", StringComparison.Ordinal)
        || contentType.Contains("javascript", StringComparison.Ordinal)
        || contentType.Contains("svg", StringComparison.Ordinal);

    private static byte[] Compress(byte[] data, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output))
        {
            compressor.Write(data);
        }

        var compressed = output.ToArray();
        return compressed;
    }
}
