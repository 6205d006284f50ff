using Depwatch.Core.Findings;

namespace Depwatch.Core.Triage.Vex;

/// <summary>What a VEX document speaks for: a product (a project) and the decided findings in it.</summary>
/// <param name="Id">A stable URI naming the document, e.g. the server's URL of it.</param>
/// <param name="Bom">The serial number and version of the BOM the findings' components came from, when it had one.</param>
public sealed record VexDocument(
    string Id,
    string ProductName,
    string? ProductVersion,
    string Author,
    string ToolVersion,
    DateTimeOffset Timestamp,
    IReadOnlyList<Finding> Findings,
    (string SerialNumber, int Version)? Bom = null)
{
    /// <summary>The BOM-Link to the finding's component, when its BOM had a serial number and the component a bom-ref.</summary>
    public string? BomLinkOf(Finding finding) => Bom is { } bom && finding.Component.BomRef is { } bomRef
        ? BomLinks.To(bom.SerialNumber, bom.Version, bomRef)
        : null;
}
