using Depwatch.Core.Components;

namespace Depwatch.Core.Sbom;

/// <summary>Limits applied while reading a CycloneDX document.</summary>
public sealed class CycloneDxReaderOptions
{
    public static CycloneDxReaderOptions Default { get; } = new();

    /// <summary>The most components (nested ones included) a document may hold; more is an error.</summary>
    public int MaxComponents { get; init; } = 1_000_000;

    /// <summary>
    /// Called with each component, the metadata component included, as soon as it is read; it may throw
    /// <see cref="BomFormatException"/> to refuse the document at that component.
    /// </summary>
    public Action<Component>? ComponentRead { get; init; }

    /// <summary>
    /// Whether the <see cref="Bom"/> keeps its components (the metadata component is always kept). False reads a
    /// document only to check it, with <see cref="ComponentRead"/>, in little memory whatever its size.
    /// </summary>
    public bool KeepComponents { get; init; } = true;
}
