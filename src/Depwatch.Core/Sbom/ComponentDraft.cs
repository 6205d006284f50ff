using Depwatch.Core.Components;
using Depwatch.Core.Purl;

namespace Depwatch.Core.Sbom;

/// <summary>A component's fields gathered while its element is read, in whatever order they come.</summary>
internal sealed class ComponentDraft(string location)
{
    private List<ComponentProperty>? _properties;
    private List<ComponentLicense>? _licenses;
    private List<ComponentHash>? _hashes;

    public string Location => location;

    public string? BomRef { get; set; }

    public ComponentType Type { get; set; } = ComponentType.Library;

    public string? Group { get; set; }

    public string? Name { get; set; }

    public string? Version { get; set; }

    public string? PurlText { get; set; }

    public void AddProperty(ComponentProperty property) => (_properties ??= []).Add(property);

    /// <summary>Adds the license given by id, else by name, else as an expression; one with none of them is dropped.</summary>
    public void AddLicense(string? id, string? name, string? expression)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            (_licenses ??= []).Add(ComponentLicense.ForId(id.Trim()));
        }
        else if (!string.IsNullOrWhiteSpace(name))
        {
            (_licenses ??= []).Add(ComponentLicense.ForName(name.Trim()));
        }
        else if (!string.IsNullOrWhiteSpace(expression))
        {
            (_licenses ??= []).Add(ComponentLicense.ForExpression(expression.Trim()));
        }
    }

    /// <summary>Adds a hash; one without algorithm or digest is dropped.</summary>
    public void AddHash(string? algorithm, string? content)
    {
        if (!string.IsNullOrWhiteSpace(algorithm) && !string.IsNullOrWhiteSpace(content))
        {
            (_hashes ??= []).Add(new ComponentHash(algorithm.Trim(), content.Trim()));
        }
    }

    /// <exception cref="BomFormatException">The component has no name.</exception>
    public Component Build(string key)
    {
        if (string.IsNullOrEmpty(Name))
        {
            throw new BomFormatException("component has no name", location);
        }
        var (purl, purlError) = ParsePurl(PurlText);
        return new Component
        {
            Key = key,
            BomRef = BomRef,
            Type = Type,
            Group = Group,
            Name = Name,
            Version = EpochVersions.Complete(Version, purl),
            PurlText = PurlText,
            Purl = purl,
            PurlError = purlError,
            Properties = _properties is null ? [] : _properties.ToArray(),
            Licenses = _licenses is null ? [] : _licenses.ToArray(),
            Hashes = _hashes is null ? [] : _hashes.ToArray(),
            Location = location,
        };
    }

    private static (PackageUrl? Purl, string? Error) ParsePurl(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }
        return PackageUrl.TryParse(text, out var purl, out var error) ? (purl, null) : (null, error);
    }
}
