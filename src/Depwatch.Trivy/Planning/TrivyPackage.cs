namespace Depwatch.Trivy.Planning;

/// <summary>A component as Trivy needs to see it. <see cref="Key"/> is the component key Trivy echoes back.</summary>
internal sealed record TrivyPackage
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string Release { get; init; } = "";
    public int Epoch { get; init; }
    public string Arch { get; init; } = "";
    public string SrcName { get; init; } = "";
    public string SrcVersion { get; init; } = "";
    public string SrcRelease { get; init; } = "";
    public int SrcEpoch { get; init; }
}
