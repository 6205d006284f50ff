namespace Depwatch.Core.Sbom;

/// <summary>The dependency graph: which bom-ref depends on which.</summary>
internal sealed partial class CycloneDxXmlReader
{
    private async Task ReadDependenciesAsync()
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement("dependency"))
            {
                _bom.AddDependency(await ReadDependencyAsync());
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
    }

    private async Task<BomDependency> ReadDependencyAsync()
    {
        var reference = ReadRefAttribute();
        var dependsOn = new List<string>();
        if (await EnterAsync())
        {
            while (await MoveToChildAsync())
            {
                if (IsBomElement("dependency"))
                {
                    dependsOn.Add(ReadRefAttribute());
                }
                // Skipped whole: the schema allows deeper dependency elements, but they say nothing about this one.
                await _xml.SkipAsync();
            }
        }
        return new BomDependency(reference, dependsOn.ToArray());
    }

    private string ReadRefAttribute() =>
        _xml.GetAttribute("ref") is { } reference
            ? _bom.Strings.Get(reference)
            : throw new BomFormatException("dependency has no ref", Here());
}
