using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Tests.Portal;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Reliability;

/// <summary>Portal sessions end when they should: at logout (server-side) and when the bootstrap token they were opened with changes.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task Logout_SavedCookieReplayed_NoLongerWorks()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        var (token, _) = await PortalSession.CustomerTokenAsync(edge, "acme");
        using var portal = new PortalSession(edge);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.LoginAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/portal")).StatusCode);
        var saved = portal.Cookies.GetCookieHeader(new Uri(edge.AdminUri, "/portal"));
        Assert.Contains("SorryEdge.Portal=", saved);

        using var logout = await portal.PostFormAsync("/portal", "/portal/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // Someone who copied the cookie before the logout replays it.
        using var replay = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = edge.AdminUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/portal");
        request.Headers.Add("Cookie", saved);
        using var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/portal/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task BootstrapSession_BootstrapTokenChanged_SessionEnds()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        using var portal = new PortalSession(edge);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.LoginAsync(EdgeTestHost.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/portal")).StatusCode);

        var config = (IConfigurationRoot)edge.Services.GetRequiredService<IConfiguration>();
        config["Edge:Admin:BootstrapToken"] = "a-new-bootstrap-token-after-rotation";
        config.Reload();

        using var after = await portal.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/portal/login", after.Headers.Location!.OriginalString);

        // A session opened with the new token works.
        using var fresh = new PortalSession(edge);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.LoginAsync("a-new-bootstrap-token-after-rotation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/portal")).StatusCode);
    }
}
