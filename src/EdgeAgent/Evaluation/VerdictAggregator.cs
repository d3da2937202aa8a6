namespace EdgeAgent.Evaluation;

/// <summary>
/// Any hard critical makes the host red; any hard warning or unknown makes it orange; else
/// green. Soft states are not counted yet: they are still being confirmed.
/// </summary>
internal static class VerdictAggregator
{
    public static Verdict Aggregate(IEnumerable<CheckSnapshot> checks, int orangeWeight)
    {
        var reasons = checks.Where(c => c.Counted != CheckStatus.Ok).OrderByDescending(c => c.Counted).ToList();
        if (reasons.Any(c => c.Counted == CheckStatus.Critical))
        {
            return new Verdict(VerdictColor.Red, 0, reasons);
        }

        return reasons.Count > 0
            ? new Verdict(VerdictColor.Orange, orangeWeight, reasons)
            : new Verdict(VerdictColor.Green, 100, reasons);
    }
}
