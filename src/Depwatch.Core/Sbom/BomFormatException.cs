namespace Depwatch.Core.Sbom;

/// <summary>The document is not a CycloneDX SBOM Depwatch can read. <see cref="Location"/> says where.</summary>
public sealed class BomFormatException(string problem, string location, Exception? inner = null)
    : Exception($"{problem} (at {location})", inner)
{
    public string Problem { get; } = problem;

    /// <summary>A JSON path such as <c>$.components[3].purl</c>, or <c>line 12, position 5</c> for XML.</summary>
    public string Location { get; } = location;
}
