using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SqliteKit.Tests;

/// <summary>
/// The whole content of a database file as text (schema, every row, user_version), for tests that must show
/// a migration lost nothing and a second start changed nothing. Linked into each program's test project.
/// </summary>
internal static class DatabaseSnapshot
{
    public static async Task<string> TakeAsync(string path, params string[] skipTables)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        var text = new StringBuilder();
        var tables = new List<string>();
        await using (var schema = connection.CreateCommand())
        {
            schema.CommandText = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name";
            await using var reader = await schema.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(1);
                if (!skipTables.Contains(name) && !skipTables.Contains(TableOf(reader.IsDBNull(2) ? "" : reader.GetString(2))))
                {
                    text.Append(reader.GetString(0)).Append(' ').Append(name).Append(": ").AppendLine(reader.IsDBNull(2) ? "" : reader.GetString(2));
                    if (reader.GetString(0) == "table")
                    {
                        tables.Add(name);
                    }
                }
            }
        }

        foreach (var table in tables)
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(" [").Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(']');
                }

                text.AppendLine();
            }
        }

        await using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        text.Append("user_version ").AppendLine(Convert.ToString(await version.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The bookkeeping rows, in version order.</summary>
    public static async Task<List<(long Version, string Name, long? AppliedAt)>> MigrationsAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, applied_at FROM schema_migrations ORDER BY version";
        var rows = new List<(long, string, long?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        }

        return rows;
    }

    /// <summary>The CREATE statement of a table or index as stored, whitespace collapsed (<see cref="Normalize"/>).</summary>
    public static async Task<string> SqlOfAsync(string path, string name)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Normalize((string?)await command.ExecuteScalarAsync() ?? "");
    }

    public static string Normalize(string sql) =>
        string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal);

    /// <summary>A copy of a committed fixture in a fresh directory, so a test never changes the fixture.</summary>
    public static string CopyFixture(string fixture, string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture), path);
        return path;
    }

    // An index's sql names its table after " ON ": indexes of a skipped table are skipped with it.
    private static string TableOf(string sql)
    {
        var on = sql.IndexOf(" ON ", StringComparison.OrdinalIgnoreCase);
        return on < 0 ? "" : sql[(on + 4)..].Split(' ', '(')[0].Trim();
    }
}
