namespace EdgeAgent.Nagios;

/// <summary>One perfdata item: <c>label=value[UOM];[warn];[crit];[min];[max]</c>.</summary>
internal sealed record PerfDatum(string Label, double Value, string Unit, string? Warning, string? Critical,
    double? Min, double? Max);
