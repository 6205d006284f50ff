namespace Depwatch.Core.Sbom;

/// <summary>Metadata: the described component, the tools, the document's authors, supplier and manufacturer.</summary>
internal sealed partial class CycloneDxXmlReader
{
    private static readonly string[] s_metadataElements = ["component", "tools", "authors", "supplier", "manufacture"];

    private async Task ReadMetadataAsync()
    {
        if (!await EnterAsync())
        {
            return;
        }
        var seen = new MemberSet(s_metadataElements);
        while (await MoveToChildAsync())
        {
            if (IsInBomNamespace() && !seen.TryAdd(_xml.LocalName))
            {
                throw DuplicateElement();
            }
            await ReadMetadataChildAsync();
        }
    }

    private Task ReadMetadataChildAsync() => (IsInBomNamespace() ? _xml.LocalName : null) switch
    {
        "component" => ReadMetadataComponentAsync(),
        "tools" => ReadToolsAsync(),
        "authors" => ReadDocumentAuthorsAsync(),
        "supplier" => ReadDocumentOrganizationAsync((metadata, supplier) => metadata with { Supplier = supplier }),
        "manufacture" => ReadDocumentOrganizationAsync((metadata, maker) => metadata with { Manufacture = maker }),
        _ => _xml.SkipAsync(),
    };

    private async Task ReadDocumentAuthorsAsync() =>
        _bom.Metadata = _bom.Metadata with { Authors = await ReadListAsync("author", ReadContactAsync) };

    private async Task ReadDocumentOrganizationAsync(Func<BomMetadata, BomOrganization?, BomMetadata> set) =>
        _bom.Metadata = set(_bom.Metadata, await ReadOrganizationAsync());

    /// <summary>Tools come as legacy tool elements, or (1.5+) as components and services.</summary>
    private async Task ReadToolsAsync()
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            switch (IsInBomNamespace() ? _xml.LocalName : null)
            {
                case "tool":
                    _bom.AddTool(await ReadToolAsync(groupElement: "vendor"));
                    break;
                case "components":
                    await ReadToolListAsync(itemElement: "component");
                    break;
                case "services":
                    await ReadToolListAsync(itemElement: "service");
                    break;
                default:
                    await _xml.SkipAsync();
                    break;
            }
        }
    }

    private async Task ReadToolListAsync(string itemElement)
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement(itemElement))
            {
                _bom.AddTool(await ReadToolAsync(groupElement: "group"));
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
    }

    private async Task<BomTool> ReadToolAsync(string groupElement)
    {
        string? group = null;
        string? name = null;
        string? version = null;
        if (await EnterAsync())
        {
            while (await MoveToChildAsync())
            {
                var element = IsInBomNamespace() ? _xml.LocalName : null;
                if (element == groupElement)
                {
                    group = await ReadTextAsync();
                }
                else if (element == "name")
                {
                    name = await ReadTextAsync();
                }
                else if (element == "version")
                {
                    version = await ReadTextAsync();
                }
                else
                {
                    await _xml.SkipAsync();
                }
            }
        }
        return new BomTool(group, name, version);
    }
}
