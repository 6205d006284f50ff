using System.Diagnostics;

namespace Depwatch.Testing.Notifications;

/// <summary>
/// A real SMTP server, Debian's python3-aiosmtpd, on a free loopback port: plain, or with STARTTLS required (a
/// self-signed certificate made with openssl) and authentication required. Every message lands as a file.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    public const string User = "mailer";
    public const string Password = "smtp-pass-123";

    private readonly Process _process;
    private readonly string _folder;

    private SmtpReceiver(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public int Port { get; }

    /// <param name="startTls">Offer and require STARTTLS, and require AUTH as <see cref="User"/>.</param>
    public static async Task<SmtpReceiver> StartAsync(bool startTls)
    {
        var folder = Directory.CreateTempSubdirectory("depwatch-smtp-").FullName;
        var port = FreePort.Find();
        var script = Path.Combine(AppContext.BaseDirectory, "Notifications", "smtp_receiver.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder })
        {
            start.ArgumentList.Add(argument);
        }
        if (startTls)
        {
            var (cert, key) = await SelfSignedAsync(folder).ConfigureAwait(false);
            foreach (var argument in new[] { cert, key, User, Password })
            {
                start.ArgumentList.Add(argument);
            }
        }
        var process = Process.Start(start)!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (ready != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The SMTP server (python3-aiosmtpd) did not start: {error}");
        }
        return new SmtpReceiver(process, folder, port);
    }

    /// <summary>The messages received so far, raw, oldest first.</summary>
    public IReadOnlyList<string> Messages =>
        [.. Directory.GetFiles(_folder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    public async Task<IReadOnlyList<string>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Messages.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Messages.Count} of {count} e-mails arrived");
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        return Messages;
    }

    private static async Task<(string Cert, string Key)> SelfSignedAsync(string folder)
    {
        var cert = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        var openssl = Process.Start(new ProcessStartInfo("openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1", "-keyout", key, "-out", cert])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await openssl.WaitForExitAsync().ConfigureAwait(false);
        return (cert, key);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
