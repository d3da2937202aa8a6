using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SqliteKit;

/// <summary>Finds a program's migrations: resources named <c>….Migrations.NNN_name.sql</c>, in version order.</summary>
internal static partial class MigrationScripts
{
    public static IReadOnlyList<MigrationScript> Find(Assembly assembly)
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (match.Success)
            {
                scripts.Add(new MigrationScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, resource));
            }
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two migrations have version {scripts[i].Version}: {scripts[i - 1].ResourceName} and {scripts[i].ResourceName}.");
            }
        }

        return scripts;
    }

    public static async Task<string> ReadAsync(Assembly assembly, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var stream = assembly.GetManifestResourceStream(script.ResourceName)
            ?? throw new InvalidOperationException($"Migration resource {script.ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    // MSBuild prefixes a folder name that starts with a digit with "_"; the file part keeps its digits.
    [GeneratedRegex(@"\.Migrations\._?(\d+)_([^.]*)\.sql$")]
    private static partial Regex ResourceName();
}
