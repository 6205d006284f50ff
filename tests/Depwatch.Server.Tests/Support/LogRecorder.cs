using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Depwatch.Server.Tests.Support;

/// <summary>Keeps what the server logs at or above a level, to check that normal events do not read as faults.</summary>
public sealed class LogRecorder(LogLevel minimum) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private void Record(LogLevel level, string category, string message) => _entries.Enqueue($"{level} {category}: {message}");

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                // As a console log shows it: the exception, with its inner ones, follows the message.
                owner.Record(logLevel, category, exception is null ? formatter(state, exception) : $"{formatter(state, exception)}\n{exception}");
            }
        }
    }
}
