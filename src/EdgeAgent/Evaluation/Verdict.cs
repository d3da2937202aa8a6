namespace EdgeAgent.Evaluation;

/// <summary>The host verdict with the weight the edge should give it and the checks behind it.</summary>
internal sealed record Verdict(VerdictColor Color, int Weight, IReadOnlyList<CheckSnapshot> Reasons)
{
    public string Wire => Color switch
    {
        VerdictColor.Green => "green",
        VerdictColor.Orange => "orange",
        _ => "red",
    };
}
