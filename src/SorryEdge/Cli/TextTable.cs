namespace SorryEdge.Cli;

/// <summary>Writes rows as left-aligned columns under a header, the way `kubectl get` does.</summary>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [header];

    public void Add(params string?[] cells) => _rows.Add(cells.Select(c => string.IsNullOrEmpty(c) ? "-" : c).ToArray());

    public void WriteTo(TextWriter output, string empty)
    {
        if (_rows.Count == 1)
        {
            output.WriteLine(empty);
            return;
        }

        var widths = Enumerable.Range(0, header.Length).Select(i => _rows.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in _rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
