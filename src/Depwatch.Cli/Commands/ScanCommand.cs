using System.CommandLine;

namespace Depwatch.Cli.Commands;

internal static class ScanCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("scan", "Analyse an SBOM with a Trivy server and report its vulnerabilities.")
        {
            ScanOptions.Sbom, ScanOptions.TrivyUrl, ScanOptions.TrivyToken, ScanOptions.TrivyTokenHeader,
            ScanOptions.IgnoreUnfixed, ScanOptions.SkipOsPackages, ScanOptions.SkipLibraries, ScanOptions.Format,
            ScanOptions.Output, ScanOptions.FailOn, ScanOptions.TrivyEncoding, ScanOptions.TimeoutSeconds, ScanOptions.PackageIndex,
            ScanOptions.Vex, ScanOptions.Policy, ScanOptions.ShowSuppressed, ScanOptions.Quiet,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, environment, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = ScanSettings.From(parseResult, environment.Variable, out var problem);
        if (settings is null)
        {
            await environment.Error.WriteLineAsync($"depwatch: {problem}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        return await new ScanRunner(settings, environment).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
