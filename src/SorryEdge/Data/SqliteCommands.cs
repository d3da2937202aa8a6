using Microsoft.Data.Sqlite;

namespace SorryEdge.Data;

/// <summary>Builds a parameterized command: the one way the edge's stores talk SQL.</summary>
public static class SqliteCommands
{
    public static SqliteCommand Create(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
