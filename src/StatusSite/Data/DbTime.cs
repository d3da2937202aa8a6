namespace StatusSite.Data;

/// <summary>Times are stored as Unix milliseconds so that SQL comparisons are numeric.</summary>
internal static class DbTime
{
    public static long ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static object ToDb(DateTimeOffset? value) => value is null ? DBNull.Value : value.Value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromDb(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromDbNullable(object value) =>
        value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
