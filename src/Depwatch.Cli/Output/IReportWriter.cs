namespace Depwatch.Cli.Output;

/// <summary>Writes a scan report in one output format.</summary>
internal interface IReportWriter
{
    Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken);
}
