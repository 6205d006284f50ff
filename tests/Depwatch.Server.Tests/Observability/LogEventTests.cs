using System.Reflection;
using System.Text.RegularExpressions;
using Depwatch.Testing.TrivyServer;
using Microsoft.Extensions.Logging;

namespace Depwatch.Server.Tests.Observability;

/// <summary>
/// Every message the server logs has an event ID of its own, so an operator can alert on or filter one message
/// by number; the ranges per area are in docs/operations.md.
/// </summary>
public sealed partial class LogEventTests
{
    [Fact]
    public void Every_logged_message_has_an_event_id_no_other_message_has()
    {
        var messages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();

        Assert.True(messages.Count > 40, $"{messages.Count} messages found");
        Assert.All(messages, m => Assert.True(m.Attribute!.EventId > 0, $"{m.Method} has no event ID"));
        Assert.True(shared.Count == 0, "Event IDs used by more than one message:\n" + string.Join("\n", shared));
    }

    [Fact]
    public void The_server_logs_only_through_messages_with_event_ids()
    {
        var sources = Directory.EnumerateFiles(RepositoryRoot.PathOf("src", "Depwatch.Server"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var direct = sources.SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => DirectLogCall().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepositoryRoot.Path, l.File)}:{l.Line}")
            .ToList();

        Assert.True(direct.Count == 0, "Log calls without an event ID (use [LoggerMessage]):\n" + string.Join("\n", direct));
    }

    [GeneratedRegex(@"\.Log(Trace|Debug|Information|Warning|Error|Critical)\(")]
    private static partial Regex DirectLogCall();
}
