using EdgeAgent.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Hosting;

/// <summary>Rejects bad listen addresses at start, before Kestrel binds them; every message names the key.</summary>
internal sealed class AgentListenOptionsValidator : IValidateOptions<AgentListenOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentListenOptions options)
    {
        var errors = new List<string>();
        const string p = AgentListenOptions.SectionName;
        if (!ListenAddress.TryParseHttp(options.Http, out _))
        {
            errors.Add($"{p}:Http: '{options.Http}' is not an http://IP:port address");
        }

        if (!ListenAddress.TryParseTcp(options.AgentCheck, out _))
        {
            errors.Add($"{p}:AgentCheck: '{options.AgentCheck}' is not an IP:port address");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
