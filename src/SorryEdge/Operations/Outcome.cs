namespace SorryEdge.Operations;

/// <summary>Builds an <see cref="Outcome{T}"/> where the implicit conversion cannot (an interface-typed value).</summary>
internal static class Outcome
{
    public static Outcome<T> Of<T>(T value)
        where T : notnull => Outcome<T>.Ok(value);
}
