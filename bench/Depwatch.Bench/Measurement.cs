namespace Depwatch.Bench;

/// <summary>One timed run: wall-clock seconds and the peak resident set size the kernel recorded for the process.</summary>
internal sealed record Measurement(double WallSeconds, long MaxRssKiB)
{
    public double MaxRssMegabytes => MaxRssKiB * 1024 / 1_000_000.0;
}

/// <summary>The medians over a series of runs of one tool on one SBOM.</summary>
internal sealed record Summary(string Tool, IReadOnlyList<Measurement> Runs)
{
    public double MedianWallSeconds => Median(Runs.Select(run => run.WallSeconds));

    public double MedianRssMegabytes => Median(Runs.Select(run => run.MaxRssMegabytes));

    public double MinWallSeconds => Runs.Min(run => run.WallSeconds);

    public double MaxWallSeconds => Runs.Max(run => run.WallSeconds);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
