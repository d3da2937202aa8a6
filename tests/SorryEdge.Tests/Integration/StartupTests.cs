using Microsoft.Extensions.Options;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Edge:Listen:Admin", "http://example.com:8081")]
    [InlineData("Edge:Admin:BootstrapToken", "short")]
    [InlineData("Edge:StatusSite:Url", "not a url")]
    [InlineData("Edge:Agents:IntervalMs", "5")]
    [InlineData("Edge:Agents:TimeoutMs", "1")]
    [InlineData("Edge:StatusSite:MaxBackoffMs", "5")]
    [InlineData("Edge:Uploads:MaxFiles", "0")]
    [InlineData("Edge:Uploads:MaxCompressionRatio", "1")]
    [InlineData("Edge:HealthProbes:MaxConcurrent", "0")]
    public async Task Start_BadSetting_RefusedWithTheKeyNamed(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EdgeTestHost.StartAsync(new() { [key] = value }));
        Assert.Contains(key, error.Message);
    }
}
