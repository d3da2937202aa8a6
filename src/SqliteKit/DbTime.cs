namespace SqliteKit;

/// <summary>
/// The one time encoding of the three databases: INTEGER Unix milliseconds (UTC), so comparisons and
/// ORDER BY are numeric and no offset or culture is involved. The edge's columns from before this
/// library (ISO-8601 text, e.g. events.at, audit.at, sites.updated_at) keep their text until a migration
/// of their own converts them; new columns use this.
/// </summary>
internal static class DbTime
{
    public static long ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static object ToDb(DateTimeOffset? value) => value is null ? DBNull.Value : value.Value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromDb(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromDbNullable(object? value) =>
        value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
