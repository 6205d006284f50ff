namespace Depwatch.Core.Sbom;

/// <summary>The dependency graph: which bom-ref depends on which.</summary>
internal sealed partial class CycloneDxJsonReader
{
    private async ValueTask ReadDependenciesAsync(JsonPath path)
    {
        if (!_json.StartsArray(path))
        {
            return;
        }
        var arrayPath = new JsonPath(path.ToString());
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            _bom.AddDependency(await ReadDependencyAsync(arrayPath.Element(index)));
        }
    }

    private async ValueTask<BomDependency> ReadDependencyAsync(JsonPath path)
    {
        _json.ExpectObject(path);
        string? reference = null;
        IReadOnlyList<string> dependsOn = [];
        while (await _json.ReadMemberAsync(path, _cancellationToken) is { } member)
        {
            var memberPath = path.Member(member);
            switch (member)
            {
                case "ref":
                    reference = _json.GetOptionalPooledString(memberPath, _bom.Strings);
                    break;
                case "dependsOn":
                    dependsOn = await ReadReferencesAsync(memberPath);
                    break;
                default:
                    await _json.SkipAsync(memberPath, _cancellationToken);
                    break;
            }
        }
        return new BomDependency(
            reference ?? throw new BomFormatException("dependency has no ref", path.ToString()), dependsOn);
    }

    private async ValueTask<IReadOnlyList<string>> ReadReferencesAsync(JsonPath path)
    {
        if (!_json.StartsArray(path))
        {
            return [];
        }
        var arrayPath = new JsonPath(path.ToString());
        var references = new List<string>();
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            references.Add(_json.GetPooledString(arrayPath.Element(index), _bom.Strings));
        }
        return references.ToArray();
    }
}
