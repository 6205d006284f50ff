using System.Text.Json;

namespace Depwatch.Bench;

/// <summary>One SBOM the tools are timed on, and what was measured on it.</summary>
internal sealed record SbomCase(string Label, string File, int Components)
{
    public Summary? Depwatch { get; set; }

    public Summary? Trivy { get; set; }

    public FindingCounts? DepwatchFindings { get; set; }

    public FindingCounts? TrivyFindings { get; set; }

    public IReadOnlyList<TimedLine> DepwatchPhases { get; set; } = [];

    public IReadOnlyList<TimedLine> TrivyPhases { get; set; } = [];

    public static SbomCase Of(string label, string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(file));
        return new SbomCase(label, file, Count(document.RootElement));
    }

    // Every entry of "components", nested ones included; metadata.component is not counted.
    private static int Count(JsonElement parent) =>
        parent.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array
            ? components.EnumerateArray().Sum(component => 1 + Count(component))
            : 0;
}
