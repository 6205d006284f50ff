using System.CommandLine;
using Depwatch.Trivy;

namespace Depwatch.Cli.Commands;

/// <summary><c>depwatch check</c>: can this Trivy server be used, and with this token?</summary>
internal static class CheckCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("check", "Test the connection to a Trivy server: reachable, token accepted, version.")
        {
            ScanOptions.TrivyUrl, ScanOptions.TrivyToken, ScanOptions.TrivyTokenHeader,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, environment, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var url = parseResult.GetValue(ScanOptions.TrivyUrl) ?? environment.Variable(ScanSettings.UrlVariable);
        if (ScanSettings.UrlProblem(url, out var baseUrl) is { } problem)
        {
            await environment.Error.WriteLineAsync($"depwatch: {problem}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        var options = new TrivyOptions
        {
            BaseUrl = baseUrl!,
            ApiToken = parseResult.GetValue(ScanOptions.TrivyToken) ?? environment.Variable(ScanSettings.TokenVariable),
            TokenHeader = parseResult.GetValue(ScanOptions.TrivyTokenHeader)!,
        };
        using var ownClient = environment.HttpClient is null ? TrivyAnalyzer.CreateHttpClient() : null;
        var result = await new TrivyServerProbe(options, environment.HttpClient ?? ownClient!).ProbeAsync(cancellationToken).ConfigureAwait(false);
        await environment.Out.WriteLineAsync(Describe(baseUrl!, result)).ConfigureAwait(false);
        return result.IsUsable ? ExitCodes.Success : ExitCodes.TrivyFailed;
    }

    private static string Describe(Uri url, TrivyProbeResult result)
    {
        if (!result.IsUsable)
        {
            return $"Trivy at {url} cannot be used: {result.Problem}";
        }
        var version = result.Version is null ? "its version is not reported (server older than 0.45)" : $"version {result.Version}";
        var database = result.DatabaseUpdatedAt is { } at ? $", vulnerability database built {at:yyyy-MM-dd HH:mm} UTC" : "";
        return $"Trivy at {url} is reachable and accepts the token; {version}{database}.";
    }
}
