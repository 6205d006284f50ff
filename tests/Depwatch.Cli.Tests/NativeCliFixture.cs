using System.Diagnostics;
using Depwatch.Testing.NativeCli;

namespace Depwatch.Cli.Tests;

/// <summary>
/// Runs the Native AOT <c>depwatch</c> executable as its own process, published once per test run and cached by its
/// inputs (<see cref="NativeCliBuild"/>).
/// </summary>
public sealed class NativeCliFixture : CliRunner, IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private string? _executable;

    public string Executable => _executable ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync() => _executable = await NativeCliBuild.EnsurePublishedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public override async Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null, string? stdin = null)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var inherited in startInfo.Environment.Keys.Where(name => name.StartsWith("DEPWATCH_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(inherited);
        }
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"depwatch {string.Join(' ', args)} did not finish within {s_timeout}.");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}
