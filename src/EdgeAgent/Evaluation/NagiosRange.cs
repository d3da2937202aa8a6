using System.Globalization;

namespace EdgeAgent.Evaluation;

/// <summary>
/// A threshold in the Nagios plugin range syntax ("10", "10:", "~:10", "10:20", "@10:20"):
/// a value outside the range (inside it when prefixed with '@') raises the alert.
/// </summary>
internal sealed class NagiosRange
{
    private NagiosRange(double start, double end, bool inside, string text)
    {
        Start = start;
        End = end;
        AlertInside = inside;
        Text = text;
    }

    public double Start { get; }

    public double End { get; }

    public bool AlertInside { get; }

    public string Text { get; }

    public static bool TryParse(string? text, out NagiosRange? range, out string error)
    {
        range = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }

        var body = text.Trim();
        var inside = body.StartsWith('@');
        if (inside)
        {
            body = body[1..];
        }

        double start = 0;
        double end;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            if (!TryNumber(body, out end))
            {
                error = $"'{text}' is not a Nagios range (number expected)";
                return false;
            }
        }
        else
        {
            var left = body[..colon];
            var right = body[(colon + 1)..];
            if (left == "~")
            {
                start = double.NegativeInfinity;
            }
            else if (left.Length > 0 && !TryNumber(left, out start))
            {
                error = $"'{text}' is not a Nagios range (bad start)";
                return false;
            }

            end = double.PositiveInfinity;
            if (right.Length > 0 && !TryNumber(right, out end))
            {
                error = $"'{text}' is not a Nagios range (bad end)";
                return false;
            }
        }

        if (start > end)
        {
            error = $"'{text}' has a start greater than its end";
            return false;
        }

        range = new NagiosRange(start, end, inside, text.Trim());
        return true;
    }

    public static NagiosRange Parse(string text) =>
        TryParse(text, out var range, out var error) ? range! : throw new FormatException(error);

    /// <summary>
    /// Whether <paramref name="value"/> raises the alert. A positive <paramref name="margin"/>
    /// widens the alert region by that amount: a value must be that far back inside the good
    /// region before the alert clears (the clear band of the hysteresis).
    /// </summary>
    public bool Alerts(double value, double margin = 0)
    {
        if (AlertInside)
        {
            return value >= Start - margin && value <= End + margin;
        }

        return value < Start + (double.IsNegativeInfinity(Start) ? 0 : margin)
            || value > End - (double.IsPositiveInfinity(End) ? 0 : margin);
    }

    /// <summary>The finite boundaries, for drawing threshold lines.</summary>
    public IEnumerable<double> Boundaries()
    {
        if (!double.IsInfinity(Start) && (Start != 0 || AlertInside || Text.Contains(':', StringComparison.Ordinal)))
        {
            yield return Start;
        }

        if (!double.IsInfinity(End))
        {
            yield return End;
        }
    }

    public override string ToString() => Text;

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
