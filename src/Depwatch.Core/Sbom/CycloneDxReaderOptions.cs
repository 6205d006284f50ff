namespace Depwatch.Core.Sbom;

/// <summary>Limits applied while reading a CycloneDX document.</summary>
public sealed class CycloneDxReaderOptions
{
    public static CycloneDxReaderOptions Default { get; } = new();

    /// <summary>The most components (nested ones included) a document may hold; more is an error.</summary>
    public int MaxComponents { get; init; } = 1_000_000;
}
