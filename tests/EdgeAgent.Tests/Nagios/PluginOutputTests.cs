using EdgeAgent.Nagios;

namespace EdgeAgent.Tests.Nagios;

public sealed class PluginOutputTests
{
    [Fact]
    public void Parse_TextAndPerfData_SplitsAtPipe()
    {
        var output = PluginOutput.Parse("REPL WARNING - lag 42s | lag=42s;30;60;0; 'io thread'=1;;;0;1\n");
        Assert.Equal("REPL WARNING - lag 42s", output.Text);
        Assert.Equal(2, output.PerfData.Count);
        var lag = output.PerfData[0];
        Assert.Equal(("lag", 42.0, "s", "30", "60", (double?)0, (double?)null),
            (lag.Label, lag.Value, lag.Unit, lag.Warning, lag.Critical, lag.Min, lag.Max));
        Assert.Equal("io thread", output.PerfData[1].Label);
        Assert.Equal(1, output.PerfData[1].Max);
    }

    [Fact]
    public void Parse_LongOutputPerfData_IsIncluded()
    {
        var output = PluginOutput.Parse("OK - fine | a=1\nline two\nline three | b=2.5%;80;90\n");
        Assert.Equal(["a", "b"], output.PerfData.Select(p => p.Label));
        Assert.Equal("%", output.PerfData[1].Unit);
    }

    [Fact]
    public void Parse_NoPerfData_TextOnly()
    {
        var output = PluginOutput.Parse("CRITICAL - replication stopped");
        Assert.Equal("CRITICAL - replication stopped", output.Text);
        Assert.Empty(output.PerfData);
    }

    [Fact]
    public void ParsePerfData_BadValue_Skipped()
    {
        Assert.Empty(PluginOutput.ParsePerfData("x=abc;1;2"));
    }
}
