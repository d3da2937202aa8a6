namespace SorryEdge.Operations;

/// <summary>An operation's refusal: nothing was changed. The title is a sentence a person can act on.</summary>
internal sealed record Refusal(RefusalKind Kind, string Title, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public const string InvalidTitle = "The request has invalid fields";

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) => new(RefusalKind.Invalid, InvalidTitle, null, errors);

    public static Refusal Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal Malformed(string title, string? detail = null) => new(RefusalKind.Malformed, title, detail);

    public static Refusal NotFound(string what) => new(RefusalKind.NotFound, $"{what} was not found");

    public static Refusal Forbidden(string title, string? detail = null) => new(RefusalKind.Forbidden, title, detail);

    public static Refusal Conflict(string title, string? detail = null) => new(RefusalKind.Conflict, title, detail);

    public static Refusal TooLarge(string title, string? detail = null) => new(RefusalKind.TooLarge, title, detail);

    public static Refusal UnsupportedType(string title, string? detail = null) => new(RefusalKind.UnsupportedType, title, detail);

    /// <summary>The whole refusal in one line, as the portal shows it.</summary>
    public string Sentence => Errors is { Count: > 0 } errors
        ? string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}.")))
        : Detail is null ? Title + "." : $"{Title}. {Detail}";
}
