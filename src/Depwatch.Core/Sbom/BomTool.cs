namespace Depwatch.Core.Sbom;

/// <summary>A tool named in <c>metadata.tools</c> (legacy array or 1.5+ object form).</summary>
public sealed record BomTool(string? Group, string? Name, string? Version);
