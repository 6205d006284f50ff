namespace Depwatch.Core.Sbom;

/// <summary>
/// <c>metadata.component</c>, read as a component whose project-describing members (people, organisations, references,
/// CPE, SWID) are kept as the BOM's <see cref="BomSubject"/>; and the organisations and contacts the metadata names.
/// </summary>
internal sealed partial class CycloneDxJsonReader
{
    private static readonly string[] s_subjectMembers =
        ["author", "authors", "publisher", "supplier", "manufacturer", "externalReferences", "cpe", "swid"];

    private async ValueTask ReadMetadataComponentAsync(JsonPath path)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _json.ExpectObject(path);
        var location = path.ToString();
        var draft = new ComponentDraft(location);
        var subject = new BomSubject();
        string? author = null;
        var objectPath = new JsonPath(location);
        var seen = new MemberSet(s_componentMembers);
        var seenSubject = new MemberSet(s_subjectMembers);
        while (await _json.ReadMemberAsync(objectPath, _cancellationToken) is { } name)
        {
            var memberPath = objectPath.Member(name);
            if (!seen.TryAdd(name) || !seenSubject.TryAdd(name))
            {
                throw MemberSet.Duplicate(name, memberPath.ToString());
            }
            switch (name)
            {
                case "author":
                    author = _json.GetOptionalString(memberPath);
                    break;
                case "authors":
                    subject = subject with { Authors = await ReadContactsAsync(memberPath) };
                    break;
                case "publisher":
                    subject = subject with { Publisher = _json.GetOptionalString(memberPath) };
                    break;
                case "supplier":
                    subject = subject with { Supplier = await ReadOrganizationAsync(memberPath) };
                    break;
                case "manufacturer":
                    subject = subject with { Manufacturer = await ReadOrganizationAsync(memberPath) };
                    break;
                case "externalReferences":
                    subject = subject with { ExternalReferences = await ReadExternalReferencesAsync(memberPath) };
                    break;
                case "cpe":
                    subject = subject with { Cpe = _json.GetOptionalString(memberPath) };
                    break;
                case "swid":
                    subject = subject with { SwidTagId = await ReadSwidTagIdAsync(memberPath) };
                    break;
                default:
                    await ReadComponentMemberAsync(name, memberPath, draft, nesting: 1);
                    break;
            }
        }
        _bom.Complete(BomAssembler.ReserveMetadataComponent(), draft);
        _bom.Metadata = _bom.Metadata with { Subject = author is null ? subject : subject with { Authors = [new BomContact(author, null, null), .. subject.Authors] } };
    }

    private async ValueTask<IReadOnlyList<T>> ReadArrayAsync<T>(JsonPath path, Func<JsonPath, ValueTask<T>> readElement)
    {
        if (!_json.StartsArray(path))
        {
            return [];
        }
        var items = new List<T>();
        var arrayPath = new JsonPath(path.ToString());
        for (var index = 0; await _json.ReadElementAsync(arrayPath, index, _cancellationToken); index++)
        {
            items.Add(await readElement(arrayPath.Element(index)));
        }
        return items;
    }

    /// <summary>Reads an object's members, giving each known one to <paramref name="readMember"/> and skipping the others.</summary>
    private async ValueTask ReadObjectAsync(JsonPath path, Func<string, JsonPath, ValueTask<bool>> readMember)
    {
        _json.ExpectObject(path);
        var objectPath = new JsonPath(path.ToString());
        while (await _json.ReadMemberAsync(objectPath, _cancellationToken) is { } name)
        {
            var memberPath = objectPath.Member(name);
            if (!await readMember(name, memberPath))
            {
                await _json.SkipAsync(memberPath, _cancellationToken);
            }
        }
    }

    private ValueTask<IReadOnlyList<BomContact>> ReadContactsAsync(JsonPath path) => ReadArrayAsync(path, ReadContactAsync);

    private async ValueTask<BomContact> ReadContactAsync(JsonPath path)
    {
        string? name = null, email = null, phone = null;
        await ReadObjectAsync(path, (member, memberPath) =>
        {
            switch (member)
            {
                case "name": name = _json.GetOptionalString(memberPath); return ValueTask.FromResult(true);
                case "email": email = _json.GetOptionalString(memberPath); return ValueTask.FromResult(true);
                case "phone": phone = _json.GetOptionalString(memberPath); return ValueTask.FromResult(true);
                default: return ValueTask.FromResult(false);
            }
        });
        return new BomContact(name, email, phone);
    }

    private async ValueTask<BomOrganization?> ReadOrganizationAsync(JsonPath path)
    {
        if (!_json.StartsObject(path))
        {
            return null;
        }
        string? name = null;
        IReadOnlyList<string?> urls = [];
        IReadOnlyList<BomContact> contacts = [];
        await ReadObjectAsync(path, async (member, memberPath) =>
        {
            switch (member)
            {
                case "name": name = _json.GetOptionalString(memberPath); return true;
                case "url": urls = await ReadArrayAsync(memberPath, p => ValueTask.FromResult(_json.GetOptionalString(p))); return true;
                case "contact": contacts = await ReadContactsAsync(memberPath); return true;
                default: return false;
            }
        });
        return new BomOrganization(name, [.. urls.OfType<string>()], contacts);
    }

    private ValueTask<IReadOnlyList<BomExternalReference>> ReadExternalReferencesAsync(JsonPath path) => ReadArrayAsync(path, async elementPath =>
    {
        string? type = null, url = null, comment = null;
        await ReadObjectAsync(elementPath, (member, memberPath) =>
        {
            switch (member)
            {
                case "type": type = _json.GetOptionalString(memberPath); return ValueTask.FromResult(true);
                case "url": url = _json.GetOptionalString(memberPath); return ValueTask.FromResult(true);
                case "comment": comment = _json.GetOptionalString(memberPath); return ValueTask.FromResult(true);
                default: return ValueTask.FromResult(false);
            }
        });
        return new BomExternalReference(type, url, comment);
    });

    private async ValueTask<string?> ReadSwidTagIdAsync(JsonPath path)
    {
        if (!_json.StartsObject(path))
        {
            return null;
        }
        string? tagId = null;
        await ReadObjectAsync(path, (member, memberPath) =>
        {
            if (member != "tagId")
            {
                return ValueTask.FromResult(false);
            }
            tagId = _json.GetOptionalString(memberPath);
            return ValueTask.FromResult(true);
        });
        return tagId;
    }
}
