using Depwatch.Core.Findings.Json;

namespace Depwatch.Cli.Output;

/// <summary>
/// Writes the findings as a JSON array in Dependency-Track's finding shape, so that scripts written against
/// <c>GET /api/v1/finding/project/{uuid}</c> read a scan's output unchanged.
/// </summary>
/// <remarks>
/// Without a server there are no UUIDs: <c>component.uuid</c>, <c>vulnerability.uuid</c>,
/// <c>component.project</c> and <c>matrix</c> are left out rather than invented. Findings a VEX suppressed are listed only
/// with <c>--show-suppressed</c>, with the decision in <c>analysis</c> and <c>isSuppressed</c> true. With <c>--policy</c>
/// the report is an object instead: the same array as <c>findings</c>, and the policy violations as <c>violations</c>.
/// </remarks>
internal sealed class JsonReportWriter : IReportWriter
{
    public async Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        using var sink = new JsonTextSink(output);
        if (!report.PoliciesEvaluated)
        {
            sink.Json.WriteStartArray();
        }
        else
        {
            sink.Json.WriteStartObject();
            sink.Json.WriteStartArray("findings");
        }
        foreach (var finding in FindingOrder.Sort(report.Listed))
        {
            FindingJson.Write(sink.Json, finding);
            await sink.DrainIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
        sink.Json.WriteEndArray();
        if (report.PoliciesEvaluated)
        {
            sink.Json.WriteStartArray("violations");
            foreach (var violation in ViolationText.Sort(report.Violations))
            {
                ViolationJson.Write(sink.Json, violation);
                await sink.DrainIfFullAsync(cancellationToken).ConfigureAwait(false);
            }
            sink.Json.WriteEndArray();
            sink.Json.WriteEndObject();
        }
        await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
