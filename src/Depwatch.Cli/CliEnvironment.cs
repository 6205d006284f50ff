namespace Depwatch.Cli;

/// <summary>What the CLI reads from and writes to outside its arguments, replaceable in tests.</summary>
internal sealed record CliEnvironment(
    TextWriter Out, TextWriter Error, Func<string, string?> Variable, Func<Stream> StandardInput, HttpClient? HttpClient = null)
{
    public static CliEnvironment FromProcess() =>
        new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.OpenStandardInput);
}
