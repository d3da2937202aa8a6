using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Admin;
using SorryEdge.Portal;
using SorryEdge.Tests.Portal;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

/// <summary>
/// ASP.NET Core authentication and authorization guard the admin listener: every API endpoint
/// and /metrics and /openapi carry a policy naming the bearer token scheme, and the answers the
/// token handler gives (401, 403, 429) are the ones clients rely on. A real edge on real Kestrel.
/// </summary>
public sealed class FrameworkAuthTests
{
    [Fact]
    public async Task Endpoints_ApiMetricsAndOpenApi_CarryPoliciesOnTheTokenScheme()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        var endpoints = edge.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var policies = edge.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        async Task<string> PolicyOfAsync(RouteEndpoint endpoint)
        {
            Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var name = Assert.Single(data, d => d.Policy is not null).Policy!;
            var policy = await policies.GetPolicyAsync(name);
            Assert.NotNull(policy);
            Assert.Equal([AdminAuthNames.Scheme], policy.AuthenticationSchemes);
            return name;
        }

        var api = endpoints.Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true).ToList();
        Assert.True(api.Count >= 20, $"only {api.Count} /api/v1 endpoints found");
        foreach (var endpoint in api)
        {
            Assert.Equal(AdminAuthNames.SiteOwnerPolicy, await PolicyOfAsync(endpoint));
        }

        Assert.Equal(AdminAuthNames.StaffPolicy, await PolicyOfAsync(Assert.Single(endpoints, e => e.RoutePattern.RawText == "/metrics")));
        Assert.Equal(AdminAuthNames.SiteOwnerPolicy, await PolicyOfAsync(Assert.Single(endpoints, e => e.RoutePattern.RawText?.StartsWith("/openapi/", StringComparison.Ordinal) == true)));
    }

    [Fact]
    public async Task Metrics_CustomerToken403_StaffToken200_NoOrBadToken401WithBearerChallenge()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.CreateCustomerAsync("scraper");
        var customer = await edge.IssueTokenAsync("scraper");

        using var forbidden = await edge.AdminAs(customer.Token).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Bearer", forbidden.Headers.WwwAuthenticate.ToString());

        using var staff = await edge.Admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains("# TYPE ", await staff.Content.ReadAsStringAsync());

        using var anonymous = await edge.AdminAs(null).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal("A bearer token is required", await TitleAsync(anonymous));

        using var wrong = await edge.AdminAs("se_wrong-token-000000000000").GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", wrong.Headers.WwwAuthenticate.ToString());
        Assert.Equal("The token is not valid", await TitleAsync(wrong));

        // The customer's token is valid: the OpenAPI document takes any valid token.
        Assert.Equal(HttpStatusCode.OK, (await edge.AdminAs(customer.Token).GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Api_ValidTokenFromThrottledClient_429BeforeTheTokenIsChecked()
    {
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:Admin:FailedAuthPerMinute"] = "2" });
        using var guesser = edge.AdminAs("se_guess-000000000000000000");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/sites")).StatusCode);
        }

        // Same address, now with the right token: still refused until the window ends.
        using var refused = await edge.Admin.GetAsync("/api/v1/sites");
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("Too many failed attempts from this address", await TitleAsync(refused));
        using var metrics = await edge.Admin.GetAsync("/metrics");
        Assert.Equal((HttpStatusCode)429, metrics.StatusCode);
    }

    [Fact]
    public async Task Api_PortalCookieWithoutToken_401_PortalKeepsItsSession()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        using var portal = new PortalSession(edge);
        using var login = await portal.LoginAsync(EdgeTestHost.Token);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = portal.Cookies.GetCookies(new Uri(edge.AdminUri, "/portal/")).Single(c => c.Name == PortalAuth.CookieName);

        // The API's policy names the bearer scheme only: the portal cookie, even sent by hand, is no credential there.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = edge.AdminUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var api = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var page = await portal.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Log out", await page.Content.ReadAsStringAsync());
    }

    private static async Task<string?> TitleAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["title"];
    }
}
