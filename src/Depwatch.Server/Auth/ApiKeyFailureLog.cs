using System.Net;

namespace Depwatch.Server.Auth;

/// <summary>
/// Logs refused API keys without letting a flood of them grow the log: the first refusal of a minute is logged with
/// its client address; the others of that minute are counted and logged as one line when it ends.
/// </summary>
internal sealed partial class ApiKeyFailureLog(TimeProvider time, ILogger<ApiKeyFailureLog> logger) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Enough to tell one client from many; past it, further addresses are not told apart.
    private const int MaxAddresses = 1000;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _addresses = [];
    private DateTimeOffset _windowEnds = DateTimeOffset.MinValue;
    private int _counted;
    private ITimer? _timer;

    public void Record(IPAddress? address)
    {
        var client = address?.ToString() ?? "an unknown address";
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now < _windowEnds)
            {
                _counted++;
                if (_addresses.Count < MaxAddresses)
                {
                    _addresses.Add(client);
                }
                return;
            }
            LogCounted();
            _windowEnds = now + Window;
            _timer ??= time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(Window, Timeout.InfiniteTimeSpan);
            LogRefused(logger, client);
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Flush()
    {
        lock (_lock)
        {
            LogCounted();
        }
    }

    private void LogCounted()
    {
        if (_counted > 0)
        {
            LogRefusedMore(logger, _counted, _addresses.Count == MaxAddresses ? $"{MaxAddresses} or more" : _addresses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        _counted = 0;
        _addresses.Clear();
    }

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning,
        Message = "Refused a request with an API key that is not valid, from {Address}. Further refusals this minute are counted and logged together.")]
    private static partial void LogRefused(ILogger logger, string address);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning,
        Message = "Refused {Count} more requests with API keys that are not valid, from {Addresses} addresses, within a minute of the last one logged.")]
    private static partial void LogRefusedMore(ILogger logger, int count, string addresses);
}
