using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary>
/// Talks to the admin API with the bearer token and turns every way a call can fail into a
/// <see cref="CliFailure"/> with the matching exit code.
/// </summary>
internal sealed class AdminClient(HttpClient http) : IDisposable
{
    public const string TokenVariable = "SORRYEDGE_TOKEN";
    public const string UrlVariable = "SORRYEDGE_URL";
    public const string DefaultUrl = "http://127.0.0.1:8081";

    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Creates the client from the environment, or fails with a usage error that says what to set.</summary>
    public static AdminClient FromEnvironment(Func<string, string?> environment)
    {
        var token = environment(TokenVariable)?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new CliFailure(CliExitCodes.Usage,
                $"{TokenVariable} is not set. Export an admin API token first, e.g. export {TokenVariable}=<token> " +
                "(a staff token from `tokens issue --staff`, or the edge's bootstrap token).");
        }

        var url = environment(UrlVariable)?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            url = DefaultUrl;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliFailure(CliExitCodes.Usage, $"{UrlVariable} '{url}' is not an http(s) URL such as {DefaultUrl}.");
        }

        var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("sorryedge-cli/1");
        return new AdminClient(http);
    }

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiAnswer> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public Task<ApiAnswer> SendJsonAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket ? socket.Message : ex.Message;
            throw new CliFailure(CliExitCodes.Unreachable, $"The edge at {http.BaseAddress} cannot be reached: {reason}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(CliExitCodes.Unreachable, $"The edge at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new ApiAnswer(status, body);
            }

            var problem = Describe(status, response.ReasonPhrase, body);
            throw new CliFailure(status >= 500 ? CliExitCodes.EdgeError : CliExitCodes.Refused, problem);
        }
    }

    /// <summary>Turns a problem+json body into "title: detail" plus one line per invalid field.</summary>
    public static string Describe(int status, string? reason, string body)
    {
        JsonObject? problem = null;
        try
        {
            problem = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML error page, say): fall back to the status line.
        }

        var title = problem?["title"]?.GetValue<string>() ?? reason ?? "Request failed";
        var detail = problem?["detail"]?.GetValue<string>();
        var text = new StringBuilder($"{status} {title}");
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text.Append(": ").Append(detail);
        }

        if (problem?["errors"] is JsonObject errors)
        {
            foreach (var (field, messages) in errors)
            {
                var list = messages is JsonArray array ? string.Join("; ", array.Select(m => m?.ToString())) : messages?.ToString();
                text.Append('\n').Append("  ").Append(field).Append(": ").Append(list);
            }
        }

        return text.ToString();
    }

    public void Dispose() => http.Dispose();
}
