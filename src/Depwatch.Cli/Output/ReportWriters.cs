using System.Reflection;

namespace Depwatch.Cli.Output;

/// <summary>The report formats of <c>depwatch scan</c>.</summary>
internal static class ReportWriters
{
    public static IReadOnlyList<string> Formats { get; } = ["table", "json", "sarif"];

    /// <summary>The writer for a format name, in any case; null for an unknown format.</summary>
    public static IReportWriter? For(string format) => format.ToLowerInvariant() switch
    {
        "table" => new TableReportWriter(),
        "json" => new JsonReportWriter(),
        "sarif" => new SarifReportWriter(ToolVersion()),
        _ => null,
    };

    private static string ToolVersion() =>
        typeof(ReportWriters).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ReportWriters).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
