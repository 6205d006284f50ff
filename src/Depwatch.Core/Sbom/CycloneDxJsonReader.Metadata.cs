using System.Text.Json;

namespace Depwatch.Core.Sbom;

/// <summary>Metadata: the described component, the tools, the document's authors, supplier and manufacturer.</summary>
internal sealed partial class CycloneDxJsonReader
{
    private static readonly string[] s_metadataMembers = ["component", "tools", "authors", "supplier", "manufacture"];

    private async ValueTask ReadMetadataAsync(JsonPath path)
    {
        if (!_json.StartsObject(path))
        {
            return;
        }
        var objectPath = new JsonPath(path.ToString());
        var seen = new MemberSet(s_metadataMembers);
        while (await _json.ReadMemberAsync(objectPath, _cancellationToken) is { } name)
        {
            var memberPath = objectPath.Member(name);
            if (!seen.TryAdd(name))
            {
                throw MemberSet.Duplicate(name, memberPath.ToString());
            }
            await (name switch
            {
                "component" when _json.TokenType != JsonTokenType.Null => ReadMetadataComponentAsync(memberPath),
                "tools" => ReadToolsAsync(memberPath),
                "authors" => ReadDocumentAuthorsAsync(memberPath),
                "supplier" => ReadDocumentOrganizationAsync(memberPath, (metadata, supplier) => metadata with { Supplier = supplier }),
                "manufacture" => ReadDocumentOrganizationAsync(memberPath, (metadata, maker) => metadata with { Manufacture = maker }),
                _ => _json.SkipAsync(memberPath, _cancellationToken),
            });
        }
    }

    private async ValueTask ReadDocumentAuthorsAsync(JsonPath path) =>
        _bom.Metadata = _bom.Metadata with { Authors = await ReadContactsAsync(path) };

    private async ValueTask ReadDocumentOrganizationAsync(JsonPath path, Func<BomMetadata, BomOrganization?, BomMetadata> set) =>
        _bom.Metadata = set(_bom.Metadata, await ReadOrganizationAsync(path));

    /// <summary>Tools come as the legacy array of tools, or (1.5+) as an object of components and services.</summary>
    private ValueTask ReadToolsAsync(JsonPath path) => _json.TokenType switch
    {
        JsonTokenType.StartArray => ReadToolArrayAsync(path, groupMember: "vendor"),
        JsonTokenType.StartObject => ReadToolChoiceAsync(path),
        JsonTokenType.Null => ValueTask.CompletedTask,
        _ => throw _json.WrongKind(path, "an array or an object"),
    };

    private async ValueTask ReadToolChoiceAsync(JsonPath path)
    {
        var objectPath = new JsonPath(path.ToString());
        while (await _json.ReadMemberAsync(objectPath, _cancellationToken) is { } name)
        {
            var memberPath = objectPath.Member(name);
            await (name is "components" or "services"
                ? ReadToolArrayAsync(memberPath, groupMember: "group")
                : _json.SkipAsync(memberPath, _cancellationToken));
        }
    }

    private async ValueTask ReadToolArrayAsync(JsonPath path, string groupMember)
    {
        if (!_json.StartsArray(path))
        {
            return;
        }
        var arrayPath = new JsonPath(path.ToString());
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            _bom.AddTool(await ReadToolAsync(arrayPath.Element(index), groupMember));
        }
    }

    private async ValueTask<BomTool> ReadToolAsync(JsonPath path, string groupMember)
    {
        _json.ExpectObject(path);
        string? group = null;
        string? name = null;
        string? version = null;
        while (await _json.ReadMemberAsync(path, _cancellationToken) is { } member)
        {
            var memberPath = path.Member(member);
            if (member == groupMember)
            {
                group = _json.GetOptionalString(memberPath);
            }
            else if (member == "name")
            {
                name = _json.GetOptionalString(memberPath);
            }
            else if (member == "version")
            {
                version = _json.GetOptionalString(memberPath);
            }
            else
            {
                await _json.SkipAsync(memberPath, _cancellationToken);
            }
        }
        return new BomTool(group, name, version);
    }
}
