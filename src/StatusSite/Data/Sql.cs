using Microsoft.Data.Sqlite;

namespace StatusSite.Data;

/// <summary>Builds parameterised commands; values are never spliced into SQL text.</summary>
internal static class Sql
{
    public static SqliteCommand Command(
        SqliteConnection connection, SqliteTransaction? tx, string text, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? tx, string text, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, tx, text, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
