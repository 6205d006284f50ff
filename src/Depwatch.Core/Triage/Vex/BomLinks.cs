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
}
