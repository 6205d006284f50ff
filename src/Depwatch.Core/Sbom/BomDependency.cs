namespace Depwatch.Core.Sbom;

public sealed record BomDependency(string Ref, IReadOnlyList<string> DependsOn);
