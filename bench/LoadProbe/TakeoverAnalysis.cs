using System.Globalization;

namespace LoadProbe;

/// <summary>
/// Reads a rate log and the moments the origin was killed and was listening again (Unix ms), and
/// prints key=value lines: failed requests, time to the first sorry answer, time to failback.
/// </summary>
internal static class TakeoverAnalysis
{
    public static int Run(CommandArgs args)
    {
        var kill = args.Long("kill");
        var back = args.Long("back");
        var records = File.ReadLines(args.Get("log")).Select(Parse).ToList();
        var failed = records.Where(r => r.Kind == "fail").ToList();
        var firstSorry = records.Where(r => r.Kind == "sorry" && r.DoneMs >= kill).Select(r => r.DoneMs).DefaultIfEmpty(double.NaN).Min();
        var firstOrigin = records.Where(r => r.Kind == "origin" && r.SentMs >= back).Select(r => r.DoneMs).DefaultIfEmpty(double.NaN).Min();
        var lastSorry = records.Where(r => r.Kind == "sorry").Select(r => r.DoneMs).DefaultIfEmpty(double.NaN).Max();
        var seconds = records.Count == 0 ? 0 : (records[^1].SentMs - records[0].SentMs) / 1000.0;
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"requests={records.Count}"));
        Console.WriteLine(string.Create(culture, $"rate={(seconds > 0 ? records.Count / seconds : 0):F1}"));
        Console.WriteLine(string.Create(culture, $"failed={failed.Count}"));
        Console.WriteLine("failed_kinds=" + string.Join(",", failed.GroupBy(f => f.Status == 0 ? f.Detail : f.Status.ToString(culture))
            .Select(g => $"{g.Key}:{g.Count()}").DefaultIfEmpty("none")));
        Console.WriteLine(string.Create(culture, $"sorry={records.Count(r => r.Kind == "sorry")}"));
        Console.WriteLine(string.Create(culture, $"first_sorry_ms={firstSorry - kill:F0}"));
        Console.WriteLine(string.Create(culture, $"failback_ms={firstOrigin - back:F0}"));
        Console.WriteLine(string.Create(culture, $"last_sorry_after_back_ms={lastSorry - back:F0}"));
        Console.WriteLine(string.Create(culture, $"max_latency_ms={records.Select(r => r.LatencyMs).DefaultIfEmpty(0).Max():F0}"));
        return 0;
    }

    private static ProbeRecord Parse(string line)
    {
        var parts = line.Split(' ');
        var culture = CultureInfo.InvariantCulture;
        return new ProbeRecord(double.Parse(parts[0], culture), int.Parse(parts[1], culture), parts[2], double.Parse(parts[3], culture), parts[4]);
    }
}
