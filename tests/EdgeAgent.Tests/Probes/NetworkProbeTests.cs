using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;
using EdgeAgent.Probes;
using EdgeAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Probes;

/// <summary>HTTP, TCP and SMTP probes against real sockets on 127.0.0.1.</summary>
public sealed class NetworkProbeTests
{
    private static HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

    [Fact]
    public async Task HttpProbe_StatusAndBody_OkThenCriticalWhenRed()
    {
        await using var agent = await AgentHost.StartAsync(0);
        using var client = Client();
        var url = new Uri(agent.BaseAddress, "/health");
        var ok = await new HttpProbe(client, url, null, "\"green\"", TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Ok, ok.Status);
        Assert.Equal("ms", ok.Unit);
        Assert.True(ok.Value > 0);

        agent.SetState(2);
        await agent.WaitForStatusAsync("red");
        var red = await new HttpProbe(client, url, null, null, TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Critical, red.Status);
        Assert.Contains("answered 503", red.Message, StringComparison.Ordinal);
        var body = await new HttpProbe(client, url, 503, "\"green\"", TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Critical, body.Status);
        Assert.Contains("without", body.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpProbe_Refused_Critical()
    {
        using var client = Client();
        using var closed = ReserveClosedPort(out var port);
        var outcome = await new HttpProbe(client, new Uri($"http://127.0.0.1:{port}/"), null, null, TimeProvider.System)
            .RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Critical, outcome.Status);
    }

    [Fact]
    public async Task TcpProbe_OpenAndClosedPorts_OkAndCritical()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var open = await new TcpProbe("127.0.0.1", port, TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Ok, open.Status);
        Assert.NotNull(open.Value);
        using var reserved = ReserveClosedPort(out var closedPort);
        var closed = await new TcpProbe("127.0.0.1", closedPort, TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(CheckStatus.Critical, closed.Status);
    }

    [Theory]
    [InlineData("220-mx.test ESMTP\r\n220 ready\r\n", "Ok")]
    [InlineData("421 4.3.2 service not available\r\n", "Critical")]
    public async Task SmtpProbe_Banner_MapsToStatus(string banner, string expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(banner));
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read);
        });
        var outcome = await new SmtpProbe("127.0.0.1", port, TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(Enum.Parse<CheckStatus>(expected), outcome.Status);
        Assert.Equal("QUIT\r\n", await server.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void ProbeFactory_EveryKind_CreatesProbe()
    {
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = new ProbeFactory(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System);
        foreach (var kind in CheckKinds.All)
        {
            var probe = factory.Create(new CheckOptions
            {
                Name = kind,
                Kind = kind,
                Path = "/",
                ProcessName = "x",
                Url = "http://127.0.0.1/",
                Host = "127.0.0.1",
                Port = 1,
                Command = "/bin/true",
            });
            Assert.NotNull(probe);
        }
    }

    /// <summary>
    /// A port nothing listens on, held bound (but not listening) until disposed: a connection is refused, and the port
    /// is not handed to another test binding port 0 in the meantime, as it could be once a stopped listener released it.
    /// </summary>
    private static Socket ReserveClosedPort(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }
}
