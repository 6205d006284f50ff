using System.Text;

namespace Depwatch.Cli.Tests;

/// <summary>One in-process run of the <c>depwatch</c> command line, with what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> StartAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null, string? stdin = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(
            output, error,
            name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            () => new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? "")));
        var exitCode = await DepwatchCli.RunAsync(args, environment);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
