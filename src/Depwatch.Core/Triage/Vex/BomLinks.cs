namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// CycloneDX BOM-Links (<c>urn:cdx:SERIAL/VERSION#BOM-REF</c>): how a VEX names a component of another document, and
/// how Trivy matches VEX statements to the components of a CycloneDX SBOM.
/// </summary>
public static class BomLinks
{
    /// <summary>The UUID of a <c>urn:uuid:…</c> serial number, lower-case; null for none or another form.</summary>
    public static string? SerialNumberOf(string? serialNumber) =>
        serialNumber is { Length: > 9 } && serialNumber.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(serialNumber.AsSpan(9), out var uuid)
            ? uuid.ToString("D")
            : null;

    /// <summary>The link to <paramref name="bomRef"/> in the BOM with this serial number and version.</summary>
    public static string To(string serialNumber, int version, string bomRef) =>
        $"urn:cdx:{serialNumber}/{version}#{Uri.EscapeDataString(bomRef)}";

    /// <summary>
    /// Reads a BOM-Link: the BOM's serial number (a lower-case UUID), its version, and the bom-ref it points to (null
    /// when the link names the whole BOM). False for anything else.
    /// </summary>
    public static bool TryParse(string? link, out string serialNumber, out int version, out string? bomRef)
    {
        (serialNumber, version, bomRef) = ("", 0, null);
        const string Prefix = "urn:cdx:";
        if (link is null || !link.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var document = hash < 0 ? link[Prefix.Length..] : link[Prefix.Length..hash];
        var slash = document.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !Guid.TryParse(document[..slash], out var uuid)
            || !int.TryParse(document[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version))
        {
            return false;
        }
        serialNumber = uuid.ToString("D");
        bomRef = hash < 0 || hash == link.Length - 1 ? null : Uri.UnescapeDataString(link[(hash + 1)..]);
        return true;
    }
}
