using Microsoft.Extensions.Options;

namespace SorryEdge.Configuration;

/// <summary>Stops the edge at start with a message naming the key when the configuration is wrong.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Edge:DataDirectory must name a folder.");
        }

        if (options.Listen.Http is not null)
        {
            Check("Edge:Listen:Http", options.Listen.Http, "http");
        }

        if (options.Listen.Https is not null)
        {
            Check("Edge:Listen:Https", options.Listen.Https, "https");
            if (string.IsNullOrWhiteSpace(options.Tls.CertificateDirectory))
            {
                failures.Add("Edge:Tls:CertificateDirectory is required when Edge:Listen:Https is set.");
            }
            else if (!Directory.Exists(options.Tls.CertificateDirectory))
            {
                failures.Add($"Edge:Tls:CertificateDirectory '{options.Tls.CertificateDirectory}' does not exist.");
            }
        }

        Check("Edge:Listen:Admin", options.Listen.Admin, "http");
        if (options.Listen.Http is null && options.Listen.Https is null)
        {
            failures.Add("Edge:Listen:Http or Edge:Listen:Https must be set: the edge needs a data-plane listener.");
        }

        if (options.Admin.BootstrapToken is { } token && token.Length < 16)
        {
            failures.Add("Edge:Admin:BootstrapToken must be at least 16 characters.");
        }

        if (options.Admin.AllowedHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/') || h.Any(char.IsWhiteSpace)))
        {
            failures.Add("Edge:Admin:AllowedHosts must list host names (no spaces, no paths), e.g. localhost or *.example.com.");
        }

        if (options.Admin.PublicUrl is { } publicUrl && !(Uri.TryCreate(publicUrl, UriKind.Absolute, out var pu) && pu.Scheme is "http" or "https"))
        {
            failures.Add("Edge:Admin:PublicUrl must be an absolute http(s) URL.");
        }

        if (options.Admin.FailedAuthPerMinute is < 1 or > 100000)
        {
            failures.Add("Edge:Admin:FailedAuthPerMinute must be between 1 and 100000.");
        }

        var limits = options.Limits;
        if (limits.MinRequestBodyBytesPerSecond < 0 || limits.MinResponseBytesPerSecond < 0)
        {
            failures.Add("Edge:Limits:MinRequestBodyBytesPerSecond and Edge:Limits:MinResponseBytesPerSecond must be 0 (off) or positive.");
        }

        if (limits.DataRateGraceSeconds is <= 1 or > 600)
        {
            failures.Add("Edge:Limits:DataRateGraceSeconds must be more than 1 and at most 600.");
        }

        if (limits.RequestHeadersTimeoutSeconds is < 1 or > 600)
        {
            failures.Add("Edge:Limits:RequestHeadersTimeoutSeconds must be between 1 and 600.");
        }

        if (options.Admin.MaxJsonBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("Edge:Admin:MaxJsonBodyBytes must be between 1024 and 67108864.");
        }

        if (options.Demo.Enabled)
        {
            Check("Edge:Demo:BackendListen", options.Demo.BackendListen, "http");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string key, string value, string scheme)
        {
            if (ListenAddress.TryParse(value, scheme, out var error) is null)
            {
                failures.Add($"{key}: {error}.");
            }
        }
    }
}
