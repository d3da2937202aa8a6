namespace SorryEdge.Sites;

/// <summary>An inclusive range of HTTP status codes that a health probe accepts.</summary>
internal readonly record struct StatusRange(int Min, int Max)
{
    public bool Contains(int status) => status >= Min && status <= Max;

    public static StatusRange? TryParse(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], out var min))
        {
            return null;
        }

        var max = min;
        if (parts.Length == 2 && !int.TryParse(parts[1], out max))
        {
            return null;
        }

        return min is >= 100 and <= 599 && max is >= 100 and <= 599 && min <= max ? new StatusRange(min, max) : null;
    }
}
