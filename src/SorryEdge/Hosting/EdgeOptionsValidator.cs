using Microsoft.Extensions.Options;

namespace SorryEdge.Hosting;

/// <summary>Stops the edge at start with a message naming the key when the configuration is wrong.</summary>
public sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
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
