using System.CommandLine;
using Depwatch.Cli.Commands;

namespace Depwatch.Cli;

/// <summary>The <c>depwatch</c> command line.</summary>
internal static class DepwatchCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        var root = new RootCommand("Depwatch: find the known vulnerabilities in CycloneDX SBOMs with a Trivy server.")
        {
            ScanCommand.Create(environment),
            CheckCommand.Create(environment),
        };
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"depwatch: {error.Message}").ConfigureAwait(false);
            }
            await environment.Error.WriteLineAsync("Run 'depwatch --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
