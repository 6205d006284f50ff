using System.Text.Json;
using Depwatch.Core.Components;
using Depwatch.Core.Purl;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Analysis;

/// <summary>A stored component as the domain sees it; its <see cref="Component.Key"/> is the component's id.</summary>
public static class ComponentMapping
{
    public static Component ToDomain(ComponentEntity entity)
    {
        var purlError = entity.PurlError;
        PackageUrl? purl = null;
        if (purlError is null && entity.Purl is not null && !PackageUrl.TryParse(entity.Purl, out purl, out var error))
        {
            purlError = error;
        }
        return new Component
        {
            Key = entity.Id.ToString(),
            BomRef = entity.BomRef,
            Type = TypeOf(entity.Type),
            Group = entity.Group,
            Name = entity.Name,
            Version = entity.Version,
            PurlText = entity.Purl,
            Purl = purl,
            PurlError = purlError,
            Properties = PropertiesOf(entity.PropertiesJson),
            Licenses = ComponentDetailsJson.ReadLicenses(entity.LicensesJson),
            Hashes = ComponentDetailsJson.ReadHashes(entity.HashesJson),
        };
    }

    /// <summary>Reads Dependency-Track's classifier names (<c>OPERATING_SYSTEM</c>) and CycloneDX's (<c>operating-system</c>).</summary>
    public static ComponentType TypeOf(string? classifier) =>
        Enum.TryParse<ComponentType>(classifier?.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal),
            ignoreCase: true, out var type) ? type : ComponentType.Library;

    private static IReadOnlyList<ComponentProperty> PropertiesOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        var properties = new List<ComponentProperty>();
        using var document = JsonDocument.Parse(json);
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (String(element, "name") is { } name)
            {
                properties.Add(new ComponentProperty(name, String(element, "value") ?? ""));
            }
        }
        return properties;
    }

    // Whoever stored the properties may have written "name" or "Name".
    private static string? String(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name) || string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }
        return null;
    }
}
