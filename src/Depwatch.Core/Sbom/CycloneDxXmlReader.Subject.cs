namespace Depwatch.Core.Sbom;

/// <summary>
/// <c>metadata.component</c>, read as a component whose project-describing elements (people, organisations, references,
/// CPE, SWID) are kept as the BOM's <see cref="BomSubject"/>; and the organisations and contacts the metadata names.
/// </summary>
internal sealed partial class CycloneDxXmlReader
{
    private static readonly string[] s_subjectElements =
        ["author", "authors", "publisher", "supplier", "manufacturer", "externalReferences", "cpe", "swid"];

    private async Task ReadMetadataComponentAsync()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var draft = StartComponent(nesting: 1);
        var subject = new BomSubject();
        string? author = null;
        var seen = new MemberSet(s_componentElements);
        var seenSubject = new MemberSet(s_subjectElements);
        if (await EnterAsync())
        {
            while (await MoveToChildAsync())
            {
                var element = IsInBomNamespace() ? _xml.LocalName : null;
                if (element is not null && (!seen.TryAdd(element) || !seenSubject.TryAdd(element)))
                {
                    throw DuplicateElement();
                }
                switch (element)
                {
                    case "author":
                        author = await ReadTextAsync();
                        break;
                    case "authors":
                        subject = subject with { Authors = await ReadListAsync("author", ReadContactAsync) };
                        break;
                    case "publisher":
                        subject = subject with { Publisher = await ReadTextAsync() };
                        break;
                    case "supplier":
                        subject = subject with { Supplier = await ReadOrganizationAsync() };
                        break;
                    case "manufacturer":
                        subject = subject with { Manufacturer = await ReadOrganizationAsync() };
                        break;
                    case "externalReferences":
                        subject = subject with { ExternalReferences = await ReadListAsync("reference", ReadExternalReferenceAsync) };
                        break;
                    case "cpe":
                        subject = subject with { Cpe = await ReadTextAsync() };
                        break;
                    case "swid":
                        subject = subject with { SwidTagId = _xml.GetAttribute("tagId") };
                        await _xml.SkipAsync();
                        break;
                    default:
                        await ReadComponentChildAsync(draft, nesting: 1);
                        break;
                }
            }
        }
        _bom.Complete(BomAssembler.ReserveMetadataComponent(), draft);
        _bom.Metadata = _bom.Metadata with { Subject = author is null ? subject : subject with { Authors = [new BomContact(author, null, null), .. subject.Authors] } };
    }

    /// <summary>The <paramref name="itemElement"/> children of the current element, each read by <paramref name="readItem"/>.</summary>
    private async Task<IReadOnlyList<T>> ReadListAsync<T>(string itemElement, Func<Task<T>> readItem)
    {
        var items = new List<T>();
        if (!await EnterAsync())
        {
            return items;
        }
        while (await MoveToChildAsync())
        {
            if (IsBomElement(itemElement))
            {
                items.Add(await readItem());
            }
            else
            {
                await _xml.SkipAsync();
            }
        }
        return items;
    }

    /// <summary>Reads the current element's children, giving each to <paramref name="readChild"/> (which reads or skips it).</summary>
    private async Task ReadChildrenAsync(Func<string?, Task> readChild)
    {
        if (!await EnterAsync())
        {
            return;
        }
        while (await MoveToChildAsync())
        {
            await readChild(IsInBomNamespace() ? _xml.LocalName : null);
        }
    }

    private async Task<BomContact> ReadContactAsync()
    {
        string? name = null, email = null, phone = null;
        await ReadChildrenAsync(async element =>
        {
            switch (element)
            {
                case "name": name = await ReadTextAsync(); break;
                case "email": email = await ReadTextAsync(); break;
                case "phone": phone = await ReadTextAsync(); break;
                default: await _xml.SkipAsync(); break;
            }
        });
        return new BomContact(name, email, phone);
    }

    private async Task<BomOrganization> ReadOrganizationAsync()
    {
        string? name = null;
        var urls = new List<string>();
        var contacts = new List<BomContact>();
        await ReadChildrenAsync(async element =>
        {
            switch (element)
            {
                case "name": name = await ReadTextAsync(); break;
                case "url": urls.Add(await ReadTextAsync()); break;
                case "contact": contacts.Add(await ReadContactAsync()); break;
                default: await _xml.SkipAsync(); break;
            }
        });
        return new BomOrganization(name, urls, contacts);
    }

    private async Task<BomExternalReference> ReadExternalReferenceAsync()
    {
        var type = _xml.GetAttribute("type");
        string? url = null, comment = null;
        await ReadChildrenAsync(async element =>
        {
            switch (element)
            {
                case "url": url = await ReadTextAsync(); break;
                case "comment": comment = await ReadTextAsync(); break;
                default: await _xml.SkipAsync(); break;
            }
        });
        return new BomExternalReference(type, url, comment);
    }
}
