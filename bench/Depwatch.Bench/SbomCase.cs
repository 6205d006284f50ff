using System.Text.Json;

namespace Depwatch.Bench;

/// <summary>One SBOM the tools are timed on, and what was measured on it.</summary>
internal sealed record SbomCase(string Label, string File, int Components)
{
    public Summary? Depwatch { get; set; }

    public Summary? DepwatchJit { get; set; }

    public Summary? Trivy { get; set; }

    /// <summary>Trivy's client from its first thread to its exit (strace), the UPX stage left out; null without strace.</summary>
    public Summary? TrivyWithoutUnpacking { get; set; }

    /// <summary>The traced runs behind <see cref="TrivyWithoutUnpacking"/>: the UPX stage and the rest of each.</summary>
    public IReadOnlyList<StartupSplit> TrivyTracedSplits { get; set; } = [];

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
