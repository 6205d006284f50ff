using Depwatch.Core.Components;

namespace Depwatch.Core.Sbom;

/// <summary>Components, nested ones included, and their properties.</summary>
internal sealed partial class CycloneDxXmlReader
{
    private static readonly string[] s_componentElements = ["group", "name", "version", "purl", "properties", "components", "licenses", "hashes"];

    private async Task ReadComponentsAsync(int nesting)
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement("component"))
            {
                await ReadComponentAsync(nesting, isMetadata: false);
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
    }

    private async Task ReadComponentAsync(int nesting, bool isMetadata)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var draft = StartComponent(nesting);
        var slot = isMetadata ? BomAssembler.ReserveMetadataComponent() : _bom.ReserveComponent(draft.Location);
        var seen = new MemberSet(s_componentElements);
        if (await EnterAsync())
        {
            while (await MoveToChildAsync())
            {
                if (IsInBomNamespace() && !seen.TryAdd(_xml.LocalName))
                {
                    throw DuplicateElement();
                }
                await ReadComponentChildAsync(draft, nesting);
            }
        }
        _bom.Complete(slot, draft);
    }

    /// <summary>A draft with what the component element's attributes say.</summary>
    private ComponentDraft StartComponent(int nesting)
    {
        var location = Here();
        BomAssembler.CheckNesting(nesting, location);
        var bomRef = _xml.GetAttribute("bom-ref") is { } text ? _bom.Strings.Get(text) : null;
        _bom.RegisterBomRef(bomRef, location);
        var type = _xml.GetAttribute("type") is { } typeName
            ? ComponentTypeNames.Parse(typeName, location)
            : ComponentType.Library;
        return new ComponentDraft(location) { BomRef = bomRef, Type = type };
    }

    private async Task ReadComponentChildAsync(ComponentDraft draft, int nesting)
    {
        switch (IsInBomNamespace() ? _xml.LocalName : null)
        {
            case "group":
                draft.Group = await ReadTextAsync();
                break;
            case "name":
                draft.Name = await ReadTextAsync();
                break;
            case "version":
                draft.Version = await ReadTextAsync();
                break;
            case "purl":
                draft.PurlText = await ReadTextAsync();
                break;
            case "properties":
                await ReadPropertiesAsync(draft);
                break;
            case "licenses":
                await ReadLicensesAsync(draft);
                break;
            case "hashes":
                await ReadHashesAsync(draft);
                break;
            case "components":
                await ReadComponentsAsync(nesting + 1);
                break;
            default:
                await _xml.SkipAsync();
                break;
        }
    }

    /// <summary>Reads the properties; one without a name (allowed before 1.6, and meaningless) is left out.</summary>
    private async Task ReadPropertiesAsync(ComponentDraft draft)
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement("property") && _xml.GetAttribute("name") is { } name)
            {
                var value = await ReadElementTextAsync();
                draft.AddProperty(new ComponentProperty(_bom.Strings.Get(name), value));
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
    }
}
