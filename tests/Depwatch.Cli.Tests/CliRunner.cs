namespace Depwatch.Cli.Tests;

/// <summary>
/// How a test class runs the <c>depwatch</c> command line: in this process, or as the published Native AOT executable
/// (<see cref="NativeCliFixture"/>). The end-to-end test classes are abstract and run once each way
/// (<c>CliTestRuns.cs</c>), so the executable users get passes the same cases as the code under test.
/// </summary>
public abstract class CliRunner
{
    public static CliRunner InProcess { get; } = new InProcessRunner();

    /// <summary>
    /// Runs <c>depwatch ARGS</c> with these environment variables (and none of <c>DEPWATCH_*</c> from the test process),
    /// this text on standard input.
    /// </summary>
    public abstract Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null, string? stdin = null);

    private sealed class InProcessRunner : CliRunner
    {
        public override Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null, string? stdin = null) =>
            CliRun.StartAsync(args, variables, stdin);
    }
}
