using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// Writes the HAProxy PROXY protocol header (haproxy.org/download/2.9/doc/proxy-protocol.txt)
/// that tells the backend MTA who the real client is.
/// </summary>
internal static class ProxyProtocolHeader
{
    /// <summary>The v2 signature, §2.2: <c>\r\n\r\n\0\r\nQUIT\n</c>.</summary>
    private static readonly byte[] V2Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public static byte[] Build(ProxyProtocolVersion version, EndPoint? source, EndPoint? destination)
    {
        var pair = Normalize(source, destination);
        return version == ProxyProtocolVersion.V1 ? BuildV1(pair) : BuildV2(pair);
    }

    /// <summary>
    /// The header a health probe sends: v2 command LOCAL (§2.2, "health checks"), v1
    /// <c>PROXY UNKNOWN</c>; either tells the backend to use the connection's own addresses.
    /// </summary>
    public static byte[] BuildHealthCheck(ProxyProtocolVersion version) =>
        version == ProxyProtocolVersion.V1 ? Encoding.ASCII.GetBytes("PROXY UNKNOWN\r\n") : [.. V2Signature, 0x20, 0x00, 0x00, 0x00];

    private static byte[] BuildV1((IPEndPoint Source, IPEndPoint Destination)? pair)
    {
        if (pair is not var (src, dst))
        {
            return Encoding.ASCII.GetBytes("PROXY UNKNOWN\r\n");
        }

        var family = src.AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6";
        return Encoding.ASCII.GetBytes($"PROXY {family} {src.Address} {dst.Address} {src.Port} {dst.Port}\r\n");
    }

    private static byte[] BuildV2((IPEndPoint Source, IPEndPoint Destination)? pair)
    {
        // Version 2, command PROXY (0x21). Without addresses the family is AF_UNSPEC (0x00) and
        // the receiver uses the connection's own addresses (§2.2).
        if (pair is not var (src, dst))
        {
            return [.. V2Signature, 0x21, 0x00, 0x00, 0x00];
        }

        var ipv4 = src.AddressFamily == AddressFamily.InterNetwork;
        var addressLength = ipv4 ? 4 : 16;
        var blockLength = (2 * addressLength) + 4;
        var header = new byte[16 + blockLength];
        V2Signature.CopyTo(header, 0);
        header[12] = 0x21;
        header[13] = ipv4 ? (byte)0x11 : (byte)0x21; // TCP over IPv4 / IPv6
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)blockLength);
        src.Address.TryWriteBytes(header.AsSpan(16, addressLength), out _);
        dst.Address.TryWriteBytes(header.AsSpan(16 + addressLength, addressLength), out _);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(16 + (2 * addressLength)), (ushort)src.Port);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(18 + (2 * addressLength)), (ushort)dst.Port);
        return header;
    }

    /// <summary>Both ends as the same family (IPv4-mapped IPv6 folded to IPv4), or null when they cannot be told.</summary>
    private static (IPEndPoint, IPEndPoint)? Normalize(EndPoint? source, EndPoint? destination)
    {
        if (source is not IPEndPoint src || destination is not IPEndPoint dst)
        {
            return null;
        }

        src = Fold(src);
        dst = Fold(dst);
        if (src.AddressFamily != dst.AddressFamily)
        {
            // Mixed families cannot share one header; announce both as IPv6 (§2.1 allows this).
            src = new IPEndPoint(src.Address.MapToIPv6(), src.Port);
            dst = new IPEndPoint(dst.Address.MapToIPv6(), dst.Port);
        }

        return (src, dst);
    }

    private static IPEndPoint Fold(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
