namespace Depwatch.Core.Sbom;

/// <summary>Reads CycloneDX JSON or XML (spec 1.2 to 1.6) into a <see cref="Bom"/>.</summary>
public static class CycloneDxReader
{
    /// <summary>Reads a document, telling JSON from XML by its first significant character.</summary>
    /// <exception cref="BomFormatException">The document is malformed or not CycloneDX.</exception>
    public static Task<Bom> ReadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        ReadAsync(stream, CycloneDxReaderOptions.Default, cancellationToken);

    /// <summary>Reads a document within the limits of <paramref name="options"/>.</summary>
    /// <remarks>The stream is read once, in chunks, and left open; it need not be seekable.</remarks>
    /// <exception cref="BomFormatException">The document is malformed, not CycloneDX, or exceeds a limit.</exception>
    public static async Task<Bom> ReadAsync(
        Stream stream, CycloneDxReaderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxComponents);
        var prefix = await DocumentPrefix.ReadAsync(stream, cancellationToken);
        return prefix.Kind == DocumentKind.Json
            ? await CycloneDxJsonReader.ReadAsync(stream, prefix, options, cancellationToken)
            : await CycloneDxXmlReader.ReadAsync(stream, prefix, options, cancellationToken);
    }
}
