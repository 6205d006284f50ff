using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Depwatch.Core.Analysis;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Sbom;
using Depwatch.Testing.TrivyServer;
using Depwatch.Trivy;

namespace Depwatch.Server.Tests.Findings;

/// <summary>
/// What <c>depwatch scan --format json</c> reports for an SBOM: the same reader, analyzer and finding writer, in-process.
/// </summary>
public static class ScanReportJson
{
    public static async Task<JsonArray> ScanAsync(TrivyServerInstance trivy, string bomJson)
    {
        var bom = await CycloneDxReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(bomJson)));
        using var http = TrivyAnalyzer.CreateHttpClient();
        var options = new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token, TokenHeader = trivy.TokenHeader };
        var result = await new TrivyAnalyzer(options, http).AnalyzeAsync(new AnalysisRequest(bom.Components));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var finding in result.Findings)
            {
                FindingJson.Write(json, finding);
            }
            json.WriteEndArray();
        }
        return JsonNode.Parse(buffer.ToArray())!.AsArray();
    }

    /// <summary>A finding the server wrote, without what only a server has (UUIDs, project, attribution date, matrix).</summary>
    public static JsonObject WithoutServerKeys(JsonNode? finding)
    {
        var copy = finding!.DeepClone().AsObject();
        copy["component"]!.AsObject().Remove("uuid");
        copy["component"]!.AsObject().Remove("project");
        copy["vulnerability"]!.AsObject().Remove("uuid");
        copy["attribution"]!.AsObject().Remove("attributedOn");
        copy.Remove("matrix");
        return copy;
    }

    /// <summary>Each finding as compact JSON text, sorted, to compare two reports whatever their order.</summary>
    public static List<string> Canonical(IEnumerable<JsonNode?> findings) =>
        [.. findings.Select(f => f!.ToJsonString()).Order(StringComparer.Ordinal)];
}
