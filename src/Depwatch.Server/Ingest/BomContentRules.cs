using Depwatch.Core.Components;
using Depwatch.Core.Sbom;
using Depwatch.Server.Data;

namespace Depwatch.Server.Ingest;

/// <summary>
/// What an uploaded BOM's components must hold for Depwatch to store them, whichever the database: checked while the
/// upload is read, component by component, so a bad BOM is refused whole before anything is stored.
/// </summary>
internal static class BomContentRules
{
    /// <summary>Reads a document only to check it: every component against these rules, none kept in memory.</summary>
    public static CycloneDxReaderOptions CheckOnly { get; } = new() { ComponentRead = Check, KeepComponents = false };

    private static void Check(Component component)
    {
        Check(component, "name", component.Name);
        Check(component, "group", component.Group);
        Check(component, "version", component.Version);
        Check(component, "bom-ref", component.BomRef);
        Check(component, "purl", component.PurlText);
    }

    /// <summary>Checks what <c>metadata.component</c> gives the project: identifiers Depwatch stores as short printable text.</summary>
    public static void Check(BomMetadata metadata)
    {
        foreach (var (field, value) in new[] { ("publisher", metadata.Subject?.Publisher), ("cpe", metadata.Subject?.Cpe), ("swid.tagId", metadata.Subject?.SwidTagId) })
        {
            if (value is not null && StoredText.IndexedProblem(value) is { } problem)
            {
                throw new BomFormatException($"the described component's {field} {problem}", "metadata.component");
            }
        }
    }

    private static void Check(Component component, string field, string? value)
    {
        if (value is not null && StoredText.IdentifierProblem(value) is { } problem)
        {
            throw new BomFormatException($"the component's {field} {problem}", component.Location ?? "a component");
        }
    }
}
