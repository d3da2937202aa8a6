using System.Globalization;
using System.Text;
using EdgeAgent.Evaluation;
using EdgeAgent.History;

namespace EdgeAgent.Board;

/// <summary>An inline SVG sparkline of a check's values with its warning and critical thresholds drawn.</summary>
internal static class Sparkline
{
    private const int Width = 640;
    private const int Height = 140;
    private const int Pad = 12;

    public static string Render(IReadOnlyList<HistoryRecord> records, ThresholdEvaluator thresholds)
    {
        var points = records.Where(r => r.Value is not null).ToList();
        var lines = Lines(thresholds).ToList();
        if (points.Count == 0)
        {
            return "<p>No values recorded yet.</p>";
        }

        var all = points.Select(p => p.Value!.Value).Concat(lines.Select(l => l.Value)).ToList();
        var min = all.Min();
        var max = all.Max();
        if (max - min < 1e-9)
        {
            max += 1;
            min -= 1;
        }

        double X(int i) => points.Count == 1 ? Width / 2.0 : Pad + (i * (Width - (2.0 * Pad)) / (points.Count - 1));
        double Y(double v) => Height - Pad - ((v - min) * (Height - (2.0 * Pad)) / (max - min));

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"values of the last {points.Count} results\">"));
        foreach (var (value, css, label) in lines)
        {
            svg.Append(Inv($"<line class=\"threshold {css}\" x1=\"0\" x2=\"{Width}\" y1=\"{Y(value):0.##}\" y2=\"{Y(value):0.##}\" stroke=\"{(css == "critical" ? "#b00020" : "#b85c00")}\" stroke-dasharray=\"6 4\"/>"));
            svg.Append(Inv($"<text x=\"4\" y=\"{Y(value) - 3:0.##}\" font-size=\"10\" fill=\"#333\">{Html.E(label)} {value:0.###}</text>"));
        }

        svg.Append("<polyline fill=\"none\" stroke=\"#0b57d0\" stroke-width=\"1.5\" points=\"");
        svg.AppendJoin(' ', points.Select((p, i) => Inv($"{X(i):0.##},{Y(p.Value!.Value):0.##}")));
        svg.Append("\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var color = points[i].Status switch
            {
                "ok" => "#1e7b34",
                "warning" => "#b85c00",
                "critical" => "#b00020",
                _ => "#5c5c8a",
            };
            svg.Append(Inv($"<circle cx=\"{X(i):0.##}\" cy=\"{Y(points[i].Value!.Value):0.##}\" r=\"2.5\" fill=\"{color}\"><title>{Html.E(points[i].Status)} {points[i].Value:0.###} at {points[i].At:O}</title></circle>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static IEnumerable<(double Value, string Css, string Label)> Lines(ThresholdEvaluator thresholds)
    {
        foreach (var b in thresholds.Warning?.Boundaries() ?? [])
        {
            yield return (b, "warning", "warning");
        }

        foreach (var b in thresholds.Critical?.Boundaries() ?? [])
        {
            yield return (b, "critical", "critical");
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
