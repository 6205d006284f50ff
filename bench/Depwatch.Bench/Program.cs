using Depwatch.Bench;

var options = BenchOptions.Parse(args, out var problem);
if (options is null)
{
    if (problem is null)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }

    await Console.Error.WriteLineAsync($"Depwatch.Bench: {problem}\n{BenchOptions.Usage}");
    return 2;
}

// Ctrl-C stops the running tool and unwinds, so the Trivy server and the temporary folder are cleaned up.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    interrupted.Cancel();
};
try
{
    return await Benchmark.RunAsync(options, interrupted.Token);
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("Depwatch.Bench: interrupted");
    return 130;
}
