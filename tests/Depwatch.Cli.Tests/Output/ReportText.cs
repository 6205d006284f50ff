using Depwatch.Cli.Output;

namespace Depwatch.Cli.Tests.Output;

internal static class ReportText
{
    /// <summary>The version SARIF reports carry in tests, so that goldens do not change with every build.</summary>
    public const string ToolVersion = "0.0.0-test";

    public static async Task<string> RenderAsync(IReportWriter writer, ScanReport report)
    {
        using var output = new StringWriter();
        await writer.WriteAsync(report, output, CancellationToken.None);
        return output.ToString();
    }
}
