namespace SorryEdge.Operations;

/// <summary>
/// What an operation did: its value, or a <see cref="Refusal"/> (nothing changed). The admin API
/// and the portal are shells that map the same outcome to HTTP or HTML.
/// </summary>
internal readonly struct Outcome<T>
    where T : notnull
{
    private Outcome(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public Refusal? Refusal { get; }

    public bool IsOk => Refusal is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    internal static Outcome<T> Ok(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
