using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Portal;

/// <summary>A browser-like HTTP client for the portal: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
public sealed partial class PortalSession : IDisposable
{
    private readonly HttpClient _client;

    public PortalSession(EdgeTestHost edge)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = edge.AdminUri };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>Loads <paramref name="formPage"/>, takes its antiforgery token, and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields, bool withToken = true)
    {
        var page = await _client.GetStringAsync(formPage);
        var content = new Dictionary<string, string>(fields);
        if (withToken)
        {
            var match = TokenField().Match(page);
            Assert.True(match.Success, "no antiforgery field on " + formPage);
            content[match.Groups[1].Value] = WebUtility.HtmlDecode(match.Groups[2].Value);
        }

        return await _client.PostAsync(action, new FormUrlEncodedContent(content));
    }

    /// <summary>Posts a file as <c>multipart/form-data</c> field <c>file</c>, with the antiforgery token of <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string formPage, string action, string fileName, byte[] bytes)
    {
        var page = await _client.GetStringAsync(formPage);
        var match = TokenField().Match(page);
        Assert.True(match.Success, "no antiforgery field on " + formPage);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(match.Groups[2].Value)), match.Groups[1].Value },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await _client.PostAsync(action, content);
    }

    public async Task<HttpResponseMessage> LoginAsync(string token) =>
        await PostFormAsync("/portal/login", "/portal/login", new() { ["token"] = token });

    /// <summary>Creates a customer and a token for it through the admin API (as staff); answers the token's secret and id.</summary>
    public static async Task<(string Token, string Id)> CustomerTokenAsync(EdgeTestHost edge, string customer)
    {
        using var created = await edge.Admin.PostAsJsonAsync("/api/v1/customers", new { id = customer, name = customer + " Ltd" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var issued = await edge.Admin.PostAsJsonAsync($"/api/v1/customers/{customer}/tokens", new { name = "portal" });
        var body = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        return ((string)body["token"]!, (string)body["id"]!);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenField();
}
