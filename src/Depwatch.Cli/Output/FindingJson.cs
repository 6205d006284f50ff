using System.Text.Json;
using Depwatch.Core.Components;
using Depwatch.Core.Findings;

namespace Depwatch.Cli.Output;

/// <summary>
/// Writes one finding in Dependency-Track's finding shape. The keys a finding must carry are always written,
/// null when unknown; the others, like Dependency-Track's, are left out when unknown.
/// </summary>
internal static class FindingJson
{
    public static void Write(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        WriteComponent(json, finding.Component);
        VulnerabilityJson.Write(json, finding);
        WriteAnalysis(json);
        WriteAttribution(json, finding);
        json.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter json, Component component)
    {
        json.WriteStartObject("component");
        json.WriteString("name", component.Name);
        json.WriteString("group", component.Group);
        json.WriteString("version", component.Version);
        json.WriteString("purl", component.PurlText);
        json.WriteString("bomRef", component.BomRef);
        json.WriteEndObject();
    }

    // A scan makes no triage decisions, but Dependency-Track clients filter on isSuppressed.
    private static void WriteAnalysis(Utf8JsonWriter json)
    {
        json.WriteStartObject("analysis");
        json.WriteBoolean("isSuppressed", false);
        json.WriteEndObject();
    }

    private static void WriteAttribution(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject("attribution");
        json.WriteString("analyzerIdentity", finding.AnalyzerIdentity);
        json.WriteEndObject();
    }
}
