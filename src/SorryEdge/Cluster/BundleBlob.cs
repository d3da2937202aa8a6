using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SorryEdge.Cluster;

/// <summary>
/// A page bundle as one byte string (path and bytes of each file, in path order), addressed by
/// its SHA-256 and stored in etcd in chunks small enough for one request.
/// </summary>
internal static class BundleBlob
{
    public const int ChunkBytes = 1 << 20;

    public static byte[] Pack(IReadOnlyDictionary<string, byte[]> files)
    {
        using var stream = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var (path, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(path);
            BinaryPrimitives.WriteInt32BigEndian(length, name.Length);
            stream.Write(length);
            stream.Write(name);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }

        return stream.ToArray();
    }

    public static Dictionary<string, byte[]> Unpack(ReadOnlySpan<byte> blob)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (blob.Length > 0)
        {
            var nameLength = BinaryPrimitives.ReadInt32BigEndian(blob);
            var name = Encoding.UTF8.GetString(blob.Slice(4, nameLength));
            blob = blob[(4 + nameLength)..];
            var length = BinaryPrimitives.ReadInt32BigEndian(blob);
            files[name] = blob.Slice(4, length).ToArray();
            blob = blob[(4 + length)..];
        }

        return files;
    }

    public static string Hash(ReadOnlySpan<byte> blob) => Convert.ToHexStringLower(SHA256.HashData(blob));
}
