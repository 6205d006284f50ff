using Depwatch.Core.Components;
using Depwatch.Core.Sbom;

namespace Depwatch.Core.Tests.Sbom;

/// <summary>A component's fields, comparable by value; properties as "name=value; …".</summary>
internal sealed record ComponentSummary(
    string Key, ComponentType Type, string? BomRef, string? Group, string Name, string? Version, string? Purl,
    string Properties = "")
{
    public static ComponentSummary Of(Component component) => new(
        component.Key, component.Type, component.BomRef, component.Group, component.Name, component.Version,
        component.PurlText, string.Join("; ", component.Properties.Select(p => $"{p.Name}={p.Value}")));
}

/// <summary>Everything a <see cref="Bom"/> holds except locations.</summary>
internal sealed record BomSummary(
    string SpecVersion, string? SerialNumber, int? Version, ComponentSummary? Metadata,
    IReadOnlyList<ComponentSummary> Components, IReadOnlyList<string> Tools, IReadOnlyList<string> Dependencies)
{
    public static BomSummary Of(Bom bom) => new(
        bom.SpecVersion,
        bom.SerialNumber,
        bom.Version,
        bom.MetadataComponent is null ? null : ComponentSummary.Of(bom.MetadataComponent),
        bom.Components.Select(ComponentSummary.Of).ToArray(),
        bom.Tools.Select(t => t.Group is null ? $"{t.Name}@{t.Version}" : $"{t.Group}/{t.Name}@{t.Version}").ToArray(),
        bom.Dependencies.Select(d => $"{d.Ref} -> {string.Join(", ", d.DependsOn)}".TrimEnd()).ToArray());

    /// <summary>Asserts field by field, so that a failure shows the first differing component.</summary>
    public static void AssertEqual(BomSummary expected, BomSummary actual)
    {
        Assert.Equal(expected.SpecVersion, actual.SpecVersion);
        Assert.Equal(expected.SerialNumber, actual.SerialNumber);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.Components, actual.Components);
        Assert.Equal(expected.Tools, actual.Tools);
        Assert.Equal(expected.Dependencies, actual.Dependencies);
    }
}
