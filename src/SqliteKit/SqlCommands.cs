using Microsoft.Data.Sqlite;

namespace SqliteKit;

/// <summary>
/// Builds parameterised commands, the one way the programs' stores talk SQL: values are never
/// spliced into SQL text, and a null value is bound as SQL NULL.
/// </summary>
internal static class SqlCommands
{
    public static SqliteCommand Create(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Runs a query of two text columns and answers them as a map from the first to the second.</summary>
    public static async Task<Dictionary<string, string>> ReadPairsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = Create(connection, null, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs[reader.GetString(0)] = reader.GetString(1);
        }

        return pairs;
    }

    public static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
