namespace Depwatch.Trivy.Servers;

/// <summary>
/// One Trivy server as this process sees it: scan units in flight, request counts, and whether it is marked down
/// after a failure. A server marked down gets no units until its down period ends, unless every server is down.
/// </summary>
public sealed class TrivyServerState
{
    /// <summary>How long a server stays marked down after its first failure in a row; it doubles with each further one.</summary>
    public static readonly TimeSpan FirstDownPeriod = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestDownPeriod = TimeSpan.FromMinutes(2);

    private readonly Lock _lock = new();
    private int _inFlight;
    private long _succeeded;
    private long _failed;
    private int _failuresInARow;
    private DateTimeOffset? _downUntil;
    private (string Message, DateTimeOffset At)? _lastError;

    internal TrivyServerState(Uri url) => Url = url;

    internal Uri Url { get; }

    /// <summary>The address without any credentials written into it.</summary>
    public string DisplayUrl => TrivyOptions.WithoutCredentials(Url);

    public TrivyServerStatus Status(DateTimeOffset now)
    {
        lock (_lock)
        {
            var down = _downUntil is { } until && until > now;
            return new TrivyServerStatus(DisplayUrl, !down, down ? _downUntil : null, _inFlight, _succeeded, _failed, _lastError?.Message, _lastError?.At);
        }
    }

    internal bool IsUp(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _downUntil is not { } until || until <= now;
        }
    }

    internal int InFlight => Volatile.Read(ref _inFlight);

    internal DateTimeOffset DownUntil
    {
        get
        {
            lock (_lock)
            {
                return _downUntil ?? DateTimeOffset.MinValue;
            }
        }
    }

    internal void Begin() => Interlocked.Increment(ref _inFlight);

    internal void Succeeded()
    {
        lock (_lock)
        {
            _inFlight--;
            _succeeded++;
            _failuresInARow = 0;
            _downUntil = null;
        }
    }

    /// <summary>The server failed (unreachable, 5xx, no answer in time): it is marked down for a period that grows while it keeps failing.</summary>
    internal void Failed(string message, DateTimeOffset now)
    {
        lock (_lock)
        {
            _inFlight--;
            _failed++;
            _failuresInARow++;
            var period = FirstDownPeriod * Math.Pow(2, Math.Min(_failuresInARow - 1, 10));
            _downUntil = now + (period > LongestDownPeriod ? LongestDownPeriod : period);
            _lastError = (message, now);
        }
    }

    /// <summary>The unit failed for a reason of its own (e.g. a refused token): the server is not to blame.</summary>
    internal void Ended()
    {
        lock (_lock)
        {
            _inFlight--;
        }
    }
}

/// <summary>A Trivy server's state at one moment, as pages and metrics show it; the URL and error carry no credentials.</summary>
public sealed record TrivyServerStatus(
    string Url, bool IsUp, DateTimeOffset? DownUntil, int InFlight, long UnitsSucceeded, long UnitsFailed, string? LastError, DateTimeOffset? LastErrorAt);
