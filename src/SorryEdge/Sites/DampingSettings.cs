namespace SorryEdge.Sites;

/// <summary>
/// RFC 2439-style flap damping of what is published about a site (status site, notifications); request routing is
/// never damped. Each published-state transition adds <see cref="Penalty"/>; the penalty halves every
/// <see cref="HalfLifeSeconds"/>; at <see cref="SuppressLimit"/> the site is published as flapping until the penalty
/// decays below <see cref="ReuseLimit"/>, and never longer than <see cref="MaxSuppressSeconds"/> after the last flap.
/// Defaults: a clean outage (down, up a few seconds later: 2 × 1000 minus decay) stays below 3000 and is published at
/// once; a backend flipping every 500 ms is suppressed at its third transition and stays "flapping" while it flips.
/// </summary>
internal sealed record DampingSettings
{
    public bool Enabled { get; init; } = true;

    public int Penalty { get; init; } = 1000;

    public int SuppressLimit { get; init; } = 3000;

    public int ReuseLimit { get; init; } = 1500;

    public int HalfLifeSeconds { get; init; } = 60;

    public int MaxSuppressSeconds { get; init; } = 300;

    /// <summary>The highest penalty worth keeping: from there it decays to the reuse limit in MaxSuppressSeconds.</summary>
    public double Ceiling => ReuseLimit * Math.Pow(2, (double)MaxSuppressSeconds / HalfLifeSeconds);

    /// <summary>Problems keyed by JSON path, for the site validator.</summary>
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Penalty is < 1 or > 100_000)
        {
            yield return ("damping.penalty", "must be 1–100000");
        }

        if (HalfLifeSeconds is < 1 or > 86_400)
        {
            yield return ("damping.halfLifeSeconds", "must be 1–86400");
        }

        if (ReuseLimit < 1 || SuppressLimit <= ReuseLimit || SuppressLimit > 1_000_000)
        {
            yield return ("damping.suppressLimit", "must be above reuseLimit (and reuseLimit at least 1), at most 1000000");
        }

        if (MaxSuppressSeconds < 1 || MaxSuppressSeconds > 86_400)
        {
            yield return ("damping.maxSuppressSeconds", "must be 1–86400");
        }
    }
}
