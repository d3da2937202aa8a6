using System.Globalization;
using EdgeAgent.Evaluation;

namespace EdgeAgent.Probes;

/// <summary>HTTP GET: expected status, optional body match; the value is the response time.</summary>
internal sealed class HttpProbe(HttpClient client, Uri url, int? expectStatus, string? bodyContains, TimeProvider time)
    : ICheckProbe
{
    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return new ProbeOutcome(CheckStatus.Critical, null, "ms", $"GET {url} failed: {e.Message}");
        }

        using (response)
        {
            var ms = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 2);
            var code = (int)response.StatusCode;
            var statusOk = expectStatus is { } expected ? code == expected : code is >= 200 and < 400;
            if (!statusOk)
            {
                return new ProbeOutcome(CheckStatus.Critical, ms, "ms", $"GET {url} answered {code}");
            }

            if (bodyContains is not null && !body.Contains(bodyContains, StringComparison.Ordinal))
            {
                return new ProbeOutcome(CheckStatus.Critical, ms, "ms", $"GET {url} answered {code} without '{bodyContains}'");
            }

            return ProbeOutcome.Measured(ms, "ms", string.Create(CultureInfo.InvariantCulture, $"GET {url} answered {code} in {ms:0.0} ms"));
        }
    }
}
