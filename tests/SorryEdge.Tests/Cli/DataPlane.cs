using System.Net;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cli;

/// <summary>Asks the edge's data plane what a visitor of a host gets, polling until it is as expected.</summary>
public static class DataPlane
{
    public static async Task<(HttpStatusCode Status, string Body)> WaitForAsync(EdgeTestHost edge, string host, HttpStatusCode status, string bodyContains)
    {
        using var client = edge.Client(host);
        // As a browser asks: the uploaded page is the HTML answer; plain-text clients get a text summary.
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return await Poll.UntilAsync(async () =>
        {
            using var response = await client.GetAsync("/");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }, r => r.StatusCode == status && r.Item2.Contains(bodyContains, StringComparison.Ordinal), TimeSpan.FromSeconds(10), $"{host} to answer {(int)status} with '{bodyContains}'");
    }
}
