using System.Text.Json;
using Depwatch.Core.Components;
using Depwatch.Core.Triage;

namespace Depwatch.Core.Findings.Json;

/// <summary>
/// Writes one finding in Dependency-Track's finding shape, for <c>depwatch scan</c> and the server alike. The keys a
/// finding must carry are always written, null when unknown; the others, like Dependency-Track's, are left out when
/// unknown. A stored finding also carries its UUIDs, <c>attribution.attributedOn</c> and <c>matrix</c>.
/// </summary>
public static class FindingJson
{
    public static void Write(Utf8JsonWriter json, Finding finding, StoredFinding? stored = null)
    {
        json.WriteStartObject();
        WriteComponent(json, finding.Component, stored);
        VulnerabilityJson.Write(json, finding, stored?.Vulnerability);
        WriteAnalysis(json, finding.Analysis);
        WriteAttribution(json, finding, stored);
        if (stored is not null)
        {
            json.WriteString("matrix", $"{stored.Project:D}:{stored.Component:D}:{stored.Vulnerability:D}");
        }
        json.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter json, Component component, StoredFinding? stored)
    {
        json.WriteStartObject("component");
        if (stored is not null)
        {
            json.WriteString("uuid", stored.Component);
        }
        json.WriteString("name", component.Name);
        json.WriteString("group", component.Group);
        json.WriteString("version", component.Version);
        json.WriteString("purl", component.PurlText);
        json.WriteString("bomRef", component.BomRef);
        if (stored is not null)
        {
            json.WriteString("project", stored.Project);
        }
        json.WriteEndObject();
    }

    // As in Dependency-Track: the state only where a decision exists, isSuppressed always (clients filter on it).
    private static void WriteAnalysis(Utf8JsonWriter json, FindingAnalysis? analysis)
    {
        json.WriteStartObject("analysis");
        if (analysis is not null)
        {
            json.WriteString("state", AnalysisNames.Name(analysis.State));
        }
        json.WriteBoolean("isSuppressed", analysis?.IsSuppressed ?? false);
        json.WriteStringIfPresent("detail", analysis?.Details);
        json.WriteEndObject();
    }

    private static void WriteAttribution(Utf8JsonWriter json, Finding finding, StoredFinding? stored)
    {
        json.WriteStartObject("attribution");
        json.WriteString("analyzerIdentity", finding.AnalyzerIdentity);
        if (stored is not null)
        {
            json.WriteNumber("attributedOn", stored.AttributedOn.ToUnixTimeMilliseconds());
        }
        json.WriteEndObject();
    }
}
