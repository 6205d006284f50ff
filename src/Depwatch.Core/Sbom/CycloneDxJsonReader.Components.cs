using Depwatch.Core.Components;

namespace Depwatch.Core.Sbom;

/// <summary>Components, nested ones included, and their properties.</summary>
internal sealed partial class CycloneDxJsonReader
{
    private static readonly string[] s_componentMembers =
        ["bom-ref", "type", "group", "name", "version", "purl", "properties", "components", "licenses", "hashes"];

    private async ValueTask ReadComponentsAsync(JsonPath path, int nesting)
    {
        if (!_json.StartsArray(path))
        {
            return;
        }
        var arrayPath = new JsonPath(path.ToString());
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            await ReadComponentAsync(arrayPath.Element(index), nesting, isMetadata: false);
        }
    }

    private async ValueTask ReadComponentAsync(JsonPath path, int nesting, bool isMetadata)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _json.ExpectObject(path);
        var location = path.ToString();
        BomAssembler.CheckNesting(nesting, location);
        var slot = isMetadata ? BomAssembler.ReserveMetadataComponent() : _bom.ReserveComponent(location);
        var draft = new ComponentDraft(location);
        var objectPath = new JsonPath(location);
        var seen = new MemberSet(s_componentMembers);
        while (await _json.ReadMemberAsync(objectPath, _cancellationToken) is { } name)
        {
            var memberPath = objectPath.Member(name);
            if (!seen.TryAdd(name))
            {
                throw MemberSet.Duplicate(name, memberPath.ToString());
            }
            await ReadComponentMemberAsync(name, memberPath, draft, nesting);
        }
        _bom.Complete(slot, draft);
    }

    private ValueTask ReadComponentMemberAsync(string name, JsonPath path, ComponentDraft draft, int nesting)
    {
        switch (name)
        {
            case "bom-ref":
                draft.BomRef = _json.GetOptionalPooledString(path, _bom.Strings);
                _bom.RegisterBomRef(draft.BomRef, draft.Location);
                break;
            case "type":
                draft.Type = _json.GetOptionalString(path) is { } type
                    ? ComponentTypeNames.Parse(type, path.ToString())
                    : ComponentType.Library;
                break;
            case "group":
                draft.Group = _json.GetOptionalString(path);
                break;
            case "name":
                draft.Name = _json.GetOptionalString(path);
                break;
            case "version":
                draft.Version = _json.GetOptionalString(path);
                break;
            case "purl":
                draft.PurlText = _json.GetOptionalString(path);
                break;
            case "properties":
                return ReadPropertiesAsync(path, draft);
            case "licenses":
                return ReadLicensesAsync(path, draft);
            case "hashes":
                return ReadHashesAsync(path, draft);
            case "components":
                return ReadComponentsAsync(path, nesting + 1);
            default:
                return _json.SkipAsync(path, _cancellationToken);
        }
        return ValueTask.CompletedTask;
    }

    private async ValueTask ReadPropertiesAsync(JsonPath path, ComponentDraft draft)
    {
        if (!_json.StartsArray(path))
        {
            return;
        }
        var arrayPath = new JsonPath(path.ToString());
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            if (await ReadPropertyAsync(arrayPath.Element(index)) is { } property)
            {
                draft.AddProperty(property);
            }
        }
    }

    /// <summary>A property, or null when it has no name (allowed before 1.6, and meaningless).</summary>
    private async ValueTask<ComponentProperty?> ReadPropertyAsync(JsonPath path)
    {
        _json.ExpectObject(path);
        string? name = null;
        string? value = null;
        while (await _json.ReadMemberAsync(path, _cancellationToken) is { } member)
        {
            var memberPath = path.Member(member);
            switch (member)
            {
                case "name":
                    name = _json.GetOptionalPooledString(memberPath, _bom.Strings);
                    break;
                case "value":
                    value = _json.GetOptionalString(memberPath);
                    break;
                default:
                    await _json.SkipAsync(memberPath, _cancellationToken);
                    break;
            }
        }
        return name is null ? null : new ComponentProperty(name, value ?? "");
    }
}
