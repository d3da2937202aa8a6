namespace EdgeAgent.Evaluation;

/// <summary>The host's overall verdict.</summary>
internal enum VerdictColor
{
    Green = 0,
    Orange = 1,
    Red = 2,
}
