namespace Depwatch.Core.Sbom;

/// <summary>A component's licenses (<c>license/id</c>, <c>license/name</c> or <c>expression</c>) and hashes.</summary>
internal sealed partial class CycloneDxXmlReader
{
    private async Task ReadLicensesAsync(ComponentDraft draft)
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement("license"))
            {
                var (id, name) = await ReadLicenseAsync();
                draft.AddLicense(id, name, null);
            }
            else if (IsBomElement("expression"))
            {
                draft.AddLicense(null, null, await ReadTextAsync());
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
    }

    private async Task<(string? Id, string? Name)> ReadLicenseAsync()
    {
        (string? Id, string? Name) license = default;
        if (!await EnterAsync())
        {
            return license;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement("id"))
            {
                license.Id = await ReadTextAsync();
            }
            else if (IsBomElement("name"))
            {
                license.Name = await ReadTextAsync();
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
        return license;
    }

    private async Task ReadHashesAsync(ComponentDraft draft)
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement("hash") && _xml.GetAttribute("alg") is { } algorithm)
            {
                draft.AddHash(algorithm, await ReadTextAsync());
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
    }
}
