namespace EdgeAgent.Evaluation;

/// <summary>
/// Nagios soft/hard states: leaving OK is soft until <c>maxAttempts</c> consecutive non-OK
/// results, then hard; a change between non-OK states while hard stays hard; a recovery
/// to OK is hard at once. Only hard states count for the verdict.
/// </summary>
internal sealed class SoftHardStateMachine(int maxAttempts)
{
    private readonly int _maxAttempts = Math.Max(1, maxAttempts);

    public CheckStatus Current { get; private set; } = CheckStatus.Ok;

    public CheckStatus HardState { get; private set; } = CheckStatus.Ok;

    public bool IsHard { get; private set; } = true;

    public int Attempt { get; private set; } = 1;

    public void Apply(CheckStatus result)
    {
        if (result == CheckStatus.Ok)
        {
            Current = CheckStatus.Ok;
            HardState = CheckStatus.Ok;
            IsHard = true;
            Attempt = 1;
            return;
        }

        if (IsHard && HardState != CheckStatus.Ok)
        {
            Current = result;
            HardState = result;
            return;
        }

        Attempt = Current == CheckStatus.Ok ? 1 : Attempt + 1;
        Current = result;
        IsHard = Attempt >= _maxAttempts;
        if (IsHard)
        {
            HardState = result;
        }
    }
}
