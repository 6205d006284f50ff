namespace Depwatch.Core.Sbom;

/// <summary>A component's licenses (<c>license.id</c>, <c>license.name</c> or <c>expression</c>) and hashes.</summary>
internal sealed partial class CycloneDxJsonReader
{
    private async ValueTask ReadLicensesAsync(JsonPath path, ComponentDraft draft)
    {
        if (!_json.StartsArray(path))
        {
            return;
        }
        var arrayPath = new JsonPath(path.ToString());
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            var (id, name, expression) = await ReadLicenseChoiceAsync(arrayPath.Element(index));
            draft.AddLicense(id, name, expression);
        }
    }

    private async ValueTask<(string? Id, string? Name, string? Expression)> ReadLicenseChoiceAsync(JsonPath path)
    {
        _json.ExpectObject(path);
        (string? Id, string? Name, string? Expression) choice = default;
        while (await _json.ReadMemberAsync(path, _cancellationToken) is { } member)
        {
            var memberPath = path.Member(member);
            switch (member)
            {
                case "expression":
                    choice.Expression = _json.GetOptionalString(memberPath);
                    break;
                case "license":
                    (choice.Id, choice.Name) = await ReadLicenseAsync(memberPath);
                    break;
                default:
                    await _json.SkipAsync(memberPath, _cancellationToken);
                    break;
            }
        }
        return choice;
    }

    private async ValueTask<(string? Id, string? Name)> ReadLicenseAsync(JsonPath path)
    {
        _json.ExpectObject(path);
        var fields = await ReadStringMembersAsync(path, "id", "name");
        return (fields[0], fields[1]);
    }

    private async ValueTask ReadHashesAsync(JsonPath path, ComponentDraft draft)
    {
        if (!_json.StartsArray(path))
        {
            return;
        }
        var arrayPath = new JsonPath(path.ToString());
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            var elementPath = arrayPath.Element(index);
            _json.ExpectObject(elementPath);
            var fields = await ReadStringMembersAsync(elementPath, "alg", "content");
            draft.AddHash(fields[0], fields[1]);
        }
    }

    /// <summary>The string values of the named members of the object being read, skipping every other member.</summary>
    private async ValueTask<string?[]> ReadStringMembersAsync(JsonPath path, params string[] names)
    {
        var values = new string?[names.Length];
        while (await _json.ReadMemberAsync(path, _cancellationToken) is { } member)
        {
            var memberPath = path.Member(member);
            var index = Array.IndexOf(names, member);
            if (index >= 0)
            {
                values[index] = _json.GetOptionalString(memberPath);
            }
            else
            {
                await _json.SkipAsync(memberPath, _cancellationToken);
            }
        }
        return values;
    }
}
