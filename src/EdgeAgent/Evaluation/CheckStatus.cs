namespace EdgeAgent.Evaluation;

/// <summary>A check's state, ordered by severity so that "worse" is a plain comparison.</summary>
internal enum CheckStatus
{
    Ok = 0,
    Warning = 1,
    Unknown = 2,
    Critical = 3,
}
