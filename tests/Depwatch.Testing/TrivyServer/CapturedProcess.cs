using System.Diagnostics;
using System.Text;

namespace Depwatch.Testing.TrivyServer;

/// <summary>A long-running child process whose stdout and stderr are collected for failure messages.</summary>
internal sealed class CapturedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CapturedProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static CapturedProcess Start(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var captured = new CapturedProcess(process);
        process.OutputDataReceived += (_, line) => captured.Append(line.Data);
        process.ErrorDataReceived += (_, line) => captured.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return captured;
    }

    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public void Dispose() => _process.Dispose();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
