using System.Diagnostics;
using System.Globalization;
using Depwatch.Core.PackageIndexes;

// Depwatch.IndexBench FILE...            one child process per file and run; prints a Markdown table
// Depwatch.IndexBench --measure FILE     (child) loads FILE once and prints "milliseconds peak-rss-bytes heap-bytes entries binaries"
if (args is ["--measure", var file])
{
    Console.WriteLine(Measure(file));
    return 0;
}
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Depwatch.IndexBench [--runs N] FILE...");
    return 2;
}
var runs = args is ["--runs", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
var files = args is ["--runs", _, .. var rest] ? rest : args;
Console.WriteLine("| File | Size | Entries | Load time (median of " + runs + ") | Peak RSS (median) | Index heap |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var path in files)
{
    var samples = Enumerable.Range(0, runs).Select(_ => RunChild(path)).ToList();
    var median = (Func<Func<Sample, double>, double>)(pick => samples.Select(pick).Order().ElementAt(samples.Count / 2));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {Path.GetFileName(path)} | {new FileInfo(path).Length / 1048576.0:0.0} MB | {samples[0].Entries:N0} | {median(s => s.Milliseconds):0} ms "
        + $"| {median(s => s.PeakBytes) / 1048576:0} MB | {median(s => s.HeapBytes) / 1048576:0.0} MB |"));
}
return 0;

static Sample RunChild(string path)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!, ["--measure", path]) { RedirectStandardOutput = true };
    using var child = Process.Start(start)!;
    var output = child.StandardOutput.ReadToEnd().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    child.WaitForExit();
    return new Sample(output[0], output[1], output[2], (int)output[3]);
}

static string Measure(string path)
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var clock = Stopwatch.StartNew();
    var builder = new SourceIndexBuilder(DistributionRelease.Parse("debian-12")!);
    using (var stream = File.OpenRead(path))
    {
        PackageIndexReader.Read(stream, builder);
    }
    var index = builder.Build();
    var elapsed = clock.Elapsed.TotalMilliseconds;
    var heap = GC.GetTotalMemory(forceFullCollection: true) - before;
    GC.KeepAlive(index);
    return string.Create(CultureInfo.InvariantCulture, $"{elapsed:0.0} {PeakRss()} {heap} {index.Count} {index.BinaryCount}");
}

// VmHWM: the most resident memory the process has had.
static long PeakRss() =>
    File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).First();

internal sealed record Sample(double Milliseconds, double PeakBytes, double HeapBytes, int Entries);
