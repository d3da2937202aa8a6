using System.Net;
using System.Text;
using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class ProxyProtocolHeaderTests
{
    private static readonly IPEndPoint Client4 = new(IPAddress.Parse("192.0.2.10"), 51234);
    private static readonly IPEndPoint Edge4 = new(IPAddress.Parse("198.51.100.5"), 25);

    [Fact]
    public void Build_V1Ipv4_IsTextLine()
    {
        var header = ProxyProtocolHeader.Build(ProxyProtocolVersion.V1, Client4, Edge4);

        Assert.Equal("PROXY TCP4 192.0.2.10 198.51.100.5 51234 25\r\n", Encoding.ASCII.GetString(header));
    }

    [Fact]
    public void Build_V1Ipv6_IsTcp6()
    {
        var header = ProxyProtocolHeader.Build(ProxyProtocolVersion.V1, new IPEndPoint(IPAddress.Parse("2001:db8::1"), 4000), new IPEndPoint(IPAddress.IPv6Loopback, 25));

        Assert.Equal("PROXY TCP6 2001:db8::1 ::1 4000 25\r\n", Encoding.ASCII.GetString(header));
    }

    [Fact]
    public void Build_V1MappedIpv4_IsFoldedToTcp4()
    {
        var header = ProxyProtocolHeader.Build(ProxyProtocolVersion.V1, new IPEndPoint(Client4.Address.MapToIPv6(), 51234), new IPEndPoint(Edge4.Address.MapToIPv6(), 25));

        Assert.Equal("PROXY TCP4 192.0.2.10 198.51.100.5 51234 25\r\n", Encoding.ASCII.GetString(header));
    }

    [Fact]
    public void Build_V1UnknownEndpoints_IsUnknown()
    {
        Assert.Equal("PROXY UNKNOWN\r\n", Encoding.ASCII.GetString(ProxyProtocolHeader.Build(ProxyProtocolVersion.V1, null, Edge4)));
    }

    [Fact]
    public void Build_V2Ipv4_IsSignatureAndAddressBlock()
    {
        var header = ProxyProtocolHeader.Build(ProxyProtocolVersion.V2, Client4, Edge4);

        byte[] expected =
        [
            0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A,
            0x21, 0x11, 0x00, 0x0C,
            192, 0, 2, 10,
            198, 51, 100, 5,
            0xC8, 0x22, // 51234
            0x00, 0x19, // 25
        ];
        Assert.Equal(expected, header);
    }

    [Fact]
    public void Build_V2Ipv6_Has36ByteBlock()
    {
        var header = ProxyProtocolHeader.Build(ProxyProtocolVersion.V2, new IPEndPoint(IPAddress.Parse("2001:db8::1"), 1), new IPEndPoint(IPAddress.IPv6Loopback, 25));

        Assert.Equal(16 + 36, header.Length);
        Assert.Equal(0x21, header[13]);
        Assert.Equal(36, header[15]);
        Assert.Equal(IPAddress.Parse("2001:db8::1").GetAddressBytes(), header[16..32]);
        Assert.Equal(IPAddress.IPv6Loopback.GetAddressBytes(), header[32..48]);
    }

    [Fact]
    public void BuildHealthCheck_V2_IsLocalCommand()
    {
        var header = ProxyProtocolHeader.BuildHealthCheck(ProxyProtocolVersion.V2);

        Assert.Equal([0x20, 0x00, 0x00, 0x00], header[12..]);
        Assert.Equal("PROXY UNKNOWN\r\n", Encoding.ASCII.GetString(ProxyProtocolHeader.BuildHealthCheck(ProxyProtocolVersion.V1)));
    }

    [Fact]
    public void Build_V2Unknown_IsUnspecWithEmptyBlock()
    {
        var header = ProxyProtocolHeader.Build(ProxyProtocolVersion.V2, null, null);

        Assert.Equal(16, header.Length);
        Assert.Equal([0x21, 0x00, 0x00, 0x00], header[12..]);
    }
}
