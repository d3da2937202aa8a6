using System.Globalization;

namespace LoadProbe;

/// <summary>A sub-command and its <c>--name value</c> pairs.</summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public string Command { get; private init; } = "";

    public static CommandArgs Parse(string[] args)
    {
        var parsed = new CommandArgs { Command = args.Length > 0 ? args[0] : "" };
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name before '{args[i]}'");
            }

            parsed.values[args[i][2..]] = args[i + 1];
        }

        return parsed;
    }

    public string Get(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"Missing --{name}");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name) => long.Parse(Get(name), CultureInfo.InvariantCulture);

    public double Double(string name) => double.Parse(Get(name), CultureInfo.InvariantCulture);

    public static int Usage()
    {
        Console.Error.WriteLine("usage: LoadProbe rate|takeover|sites|apply|port --name value ... (see Program.cs)");
        return 2;
    }
}
