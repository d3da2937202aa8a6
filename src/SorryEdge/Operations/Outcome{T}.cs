namespace SorryEdge.Operations;

/// <summary>
/// What an operation did: its value, or a <see cref="Refusal"/> (nothing changed). The admin API
/// and the portal are shells that map the same outcome to HTTP or HTML.
/// </summary>
internal readonly struct Outcome<T>
    where T : notnull
{
    private readonly bool _ok;

    private Outcome(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
        _ok = refusal is null;
    }

    public T? Value { get; }

    public Refusal? Refusal { get; }

    /// <summary>True only for a value: a <c>default</c> outcome is neither a value nor a refusal, and not ok.</summary>
    public bool IsOk => _ok;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    internal static Outcome<T> Ok(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
