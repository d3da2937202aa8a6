using EdgeAgent.Evaluation;

namespace EdgeAgent.Configuration;

/// <summary>The per-check rules of <see cref="AgentOptionsValidator"/>.</summary>
internal static class CheckValidator
{
    private static readonly string[] LoadMetrics = ["load1", "load5", "load15"];
    private static readonly string[] ProcessMetrics = ["rss", "cpu", "threads", "fds", "count"];

    public static void Validate(CheckOptions check, string key, List<string> errors)
    {
        if (!CheckKinds.All.Contains(check.Kind))
        {
            errors.Add($"{key}:Kind: '{check.Kind}' is not one of {string.Join(", ", CheckKinds.All)}");
            return;
        }

        if (check.Interval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"{key}:Interval: {check.Interval} is shorter than 100 ms");
        }

        if (check.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{key}:Timeout: must be positive");
        }

        if (check.MaxAttempts is < 1 or > 100)
        {
            errors.Add($"{key}:MaxAttempts: {check.MaxAttempts} must be between 1 and 100");
        }

        if (check.Hysteresis < 0)
        {
            errors.Add($"{key}:Hysteresis: must not be negative");
        }

        if (check.FlapLowThreshold < 0 || check.FlapHighThreshold > 100 || check.FlapLowThreshold > check.FlapHighThreshold)
        {
            errors.Add($"{key}:FlapLowThreshold: must satisfy 0 <= FlapLowThreshold <= FlapHighThreshold <= 100");
        }

        Range(check.Warning, $"{key}:Warning", errors);
        Range(check.Critical, $"{key}:Critical", errors);
        KindSpecific(check, key, errors);
    }

    private static void KindSpecific(CheckOptions check, string key, List<string> errors)
    {
        switch (check.Kind)
        {
            case CheckKinds.Load when check.Metric is not null && !LoadMetrics.Contains(check.Metric):
                errors.Add($"{key}:Metric: '{check.Metric}' must be one of {string.Join(", ", LoadMetrics)}");
                break;
            case CheckKinds.Disk or CheckKinds.Inodes or CheckKinds.ReadOnly when string.IsNullOrWhiteSpace(check.Path):
                errors.Add($"{key}:Path: is required for a {check.Kind} check");
                break;
            case CheckKinds.Process:
                if (string.IsNullOrWhiteSpace(check.ProcessName) && string.IsNullOrWhiteSpace(check.PidFile)
                    && string.IsNullOrWhiteSpace(check.SystemdUnit))
                {
                    errors.Add($"{key}:ProcessName: one of ProcessName, PidFile or SystemdUnit is required");
                }

                if (check.Metric is not null && !ProcessMetrics.Contains(check.Metric))
                {
                    errors.Add($"{key}:Metric: '{check.Metric}' must be one of {string.Join(", ", ProcessMetrics)}");
                }

                break;
            case CheckKinds.Http when !Uri.TryCreate(check.Url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps):
                errors.Add($"{key}:Url: '{check.Url}' is not an absolute http(s) URL");
                break;
            case CheckKinds.Tcp or CheckKinds.Smtp:
                if (string.IsNullOrWhiteSpace(check.Host))
                {
                    errors.Add($"{key}:Host: is required for a {check.Kind} check");
                }

                if (check.Port is < 1 or > 65535)
                {
                    errors.Add($"{key}:Port: {check.Port} must be between 1 and 65535");
                }

                break;
            case CheckKinds.Command when string.IsNullOrWhiteSpace(check.Command):
                errors.Add($"{key}:Command: is required for a command check");
                break;
        }
    }

    private static void Range(string? text, string key, List<string> errors)
    {
        if (text is not null && !NagiosRange.TryParse(text, out _, out var error))
        {
            errors.Add($"{key}: {error}");
        }
    }
}
