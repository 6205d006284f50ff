namespace Depwatch.Core.Sbom;

/// <summary>Reads CycloneDX JSON or XML (spec 1.2 to 1.6) into a <see cref="Bom"/>.</summary>
public static class CycloneDxReader
{
    /// <summary>Reads a document, telling JSON from XML by its first significant character.</summary>
    /// <exception cref="BomFormatException">The document is malformed or not CycloneDX.</exception>
    public static Task<Bom> ReadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
