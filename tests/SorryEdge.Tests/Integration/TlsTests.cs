using System.Net;
using System.Net.Security;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Hosting;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

public sealed class TlsTests
{
    [Fact]
    public async Task Https_TwoSites_EachGetsItsOwnCertificateBySni()
    {
        var certs = Directory.CreateTempSubdirectory("sorryedge-certs-");
        try
        {
            TestCertificates.WritePem(certs.FullName, "one", "one.test");
            TestCertificates.WritePem(certs.FullName, "two", "two.test");
            await using var backend = await TestBackend.StartAsync("tls");
            await using var edge = await EdgeTestHost.StartAsync(new()
            {
                ["Edge:Listen:Https"] = "https://127.0.0.1:0",
                ["Edge:Tls:CertificateDirectory"] = certs.FullName,
            });
            await edge.PutSiteAsync("one", EdgeTestHost.Site("one.test", backend));
            await edge.PutSiteAsync("two", EdgeTestHost.Site("two.test", [backend.Url], s => s["mode"] = "maintenance"));
            var port = edge.Services.GetRequiredService<EdgeEndpoints>().Https!.Port;

            var (oneStatus, oneSubject) = await GetAsync(port, "one.test");
            var (twoStatus, twoSubject) = await GetAsync(port, "two.test");

            Assert.Equal(HttpStatusCode.OK, oneStatus);
            Assert.Equal("CN=one.test", oneSubject);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, twoStatus);
            Assert.Equal("CN=two.test", twoSubject);
        }
        finally
        {
            certs.Delete(recursive: true);
        }
    }

    private static async Task<(HttpStatusCode Status, string? Subject)> GetAsync(int port, string host)
    {
        string? subject = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    subject = certificate?.Subject;
                    return true;
                },
            },
            ConnectCallback = async (context, token) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync($"https://{host}:{port}/");
        return (response.StatusCode, subject);
    }
}
