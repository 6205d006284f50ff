using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.ManagedTrivy;

/// <summary>
/// Runs <c>trivy server</c> for Depwatch when configured to (or by default when Trivy is installed and no server is
/// configured): on a loopback port with a generated token, restarted with a growing delay when it dies, and stopped
/// with Depwatch.
/// </summary>
internal sealed partial class ManagedTrivyServer(
    IOptions<ManagedTrivyOptions> options, IDbContextFactory<DepwatchDbContext> contexts, ConfigPropertySeeding seeding,
    TimeProvider time, ILogger<ManagedTrivyServer> logger) : BackgroundService
{
    /// <summary>The wait before the first restart; it doubles with each death in a row, up to <see cref="LongestRestartDelay"/>.</summary>
    public static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestRestartDelay = TimeSpan.FromMinutes(1);

    /// <summary>A run this long counts as healthy: the next death restarts after <see cref="FirstRestartDelay"/> again.</summary>
    public static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);

    private static readonly HttpClient s_health = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly string _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private readonly TaskCompletionSource<bool> _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManagedTrivyOptions _options = options.Value;
    private volatile ManagedTrivyStatus? _status;

    /// <summary>The managed server's state now; null when Depwatch does not run Trivy.</summary>
    public ManagedTrivyStatus? Status => _status is { } status ? status with { Database = TrivyDatabaseMetadata.Read(status.CacheDirectory) } : null;

    /// <summary>Where analyses reach the managed server, once decided; null when Depwatch does not run Trivy.</summary>
    public async Task<ManagedTrivyConnection?> ConnectionAsync(CancellationToken cancellationToken) =>
        await _decided.Task.WaitAsync(cancellationToken) && _status is { } status
            ? new ManagedTrivyConnection(new Uri($"http://127.0.0.1:{status.Port}/"), _token)
            : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await seeding.Completion.WaitAsync(stoppingToken);
            var executable = _options.ExecutablePath();
            if (executable is null || !_options.IsWanted(await BaseUrlStoredAsync(stoppingToken)))
            {
                _decided.TrySetResult(false);
                return;
            }
            _status = new ManagedTrivyStatus(ManagedTrivyState.Starting, null, FreeLoopbackPort(), 0, null, time.GetUtcNow(), _options.CachePath(), _options.SkipDbUpdate, null);
            _decided.TrySetResult(true);
            await SuperviseAsync(executable, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Undecided because the decision failed (e.g. the database could not be read): analyses use the configured servers.
            _decided.TrySetResult(false);
        }
    }

    private async Task SuperviseAsync(string executable, CancellationToken stoppingToken)
    {
        var delay = FirstRestartDelay;
        while (true)
        {
            var status = _status!;
            var startedAt = time.GetUtcNow();
            try
            {
                await using var trivy = TrivyProcess.Start(executable, Arguments(status.Port), _token, logger);
                var pid = await trivy.ProcessId.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
                _status = status with { State = ManagedTrivyState.Starting, ProcessId = pid, Since = startedAt };
                LogStarting(logger, pid, status.Port, status.CacheDirectory, _options.SkipDbUpdate);
                var healthy = await WaitUntilHealthyAsync(trivy, status.Port, stoppingToken);
                if (healthy)
                {
                    _status = _status with { State = ManagedTrivyState.Running, Since = time.GetUtcNow() };
                    LogRunning(logger, pid, status.Port);
                }
                await trivy.Exited.WaitAsync(stoppingToken);
                delay = time.GetUtcNow() - startedAt >= StableRun ? FirstRestartDelay : delay;
                LogExited(logger, pid, trivy.ExitDescription, delay.TotalSeconds);
                // A server that never answered may have lost its port to another program: take a new one.
                _status = _status with
                {
                    State = ManagedTrivyState.Restarting, ProcessId = null, Port = healthy ? status.Port : FreeLoopbackPort(),
                    Restarts = status.Restarts + 1, LastExit = $"{trivy.ExitDescription} at {time.GetUtcNow():u}", Since = time.GetUtcNow(),
                };
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.Message, delay.TotalSeconds);
                _status = status with
                {
                    State = ManagedTrivyState.Restarting, ProcessId = null, Restarts = status.Restarts + 1,
                    LastExit = $"could not start: {e.Message}", Since = time.GetUtcNow(),
                };
            }
            await Task.Delay(delay, time, stoppingToken);
            delay = delay * 2 > LongestRestartDelay ? LongestRestartDelay : delay * 2;
        }
    }

    private List<string> Arguments(int port)
    {
        List<string> arguments =
        [
            "server", "--listen", $"127.0.0.1:{port}", "--cache-dir", _options.CachePath(),
            "--token-header", Depwatch.Trivy.TrivyOptions.DefaultTokenHeader,
        ];
        if (_options.SkipDbUpdate)
        {
            arguments.Add("--skip-db-update");
        }
        return arguments;
    }

    // Trivy listens once its database is there, which the first run downloads: no time limit while it is alive.
    private static async Task<bool> WaitUntilHealthyAsync(TrivyProcess trivy, int port, CancellationToken cancellationToken)
    {
        var health = new Uri($"http://127.0.0.1:{port}/healthz");
        while (!trivy.HasExited)
        {
            try
            {
                using var response = await s_health.GetAsync(health, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        return false;
    }

    private async Task<bool> BaseUrlStoredAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ConfigProperties.AsNoTracking()
            .Where(p => p.GroupName == TrivyProperties.Group && p.PropertyName == TrivyProperties.BaseUrl)
            .Select(p => p.PropertyValue).FirstOrDefaultAsync(cancellationToken);
        return TrivyServerList.Entries(stored).Length > 0;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Starting the managed Trivy server: pid {Pid}, 127.0.0.1:{Port}, cache {CacheDirectory}, skip DB update {SkipDbUpdate}.")]
    private static partial void LogStarting(ILogger logger, int pid, int port, string cacheDirectory, bool skipDbUpdate);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "The managed Trivy server (pid {Pid}) is serving on 127.0.0.1:{Port}.")]
    private static partial void LogRunning(ILogger logger, int pid, int port);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "The managed Trivy server could not be run ({Problem}); trying again in {DelaySeconds} s.")]
    private static partial void LogFailed(ILogger logger, string problem, double delaySeconds);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "The managed Trivy server (pid {Pid}) stopped ({Exit}); restarting it in {DelaySeconds} s.")]
    private static partial void LogExited(ILogger logger, int pid, string exit, double delaySeconds);
}

/// <summary>How analyses reach the managed Trivy server.</summary>
internal sealed record ManagedTrivyConnection(Uri BaseUrl, string Token);

public enum ManagedTrivyState
{
    Starting,
    Running,
    Restarting,
}

/// <summary>The managed Trivy server as the administration page shows it.</summary>
public sealed record ManagedTrivyStatus(
    ManagedTrivyState State, int? ProcessId, int Port, int Restarts, string? LastExit, DateTimeOffset Since, string CacheDirectory,
    bool SkipDbUpdate, TrivyDatabaseMetadata? Database);
