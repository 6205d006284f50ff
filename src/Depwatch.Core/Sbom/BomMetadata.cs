namespace Depwatch.Core.Sbom;

/// <summary>
/// What a BOM's metadata says beyond its components: who wrote and supplied the document, and who made, published and
/// supplies the software it describes (<c>metadata.component</c>), with that software's other identifiers.
/// </summary>
public sealed record BomMetadata
{
    public static readonly BomMetadata None = new();

    /// <summary>The document's authors (<c>metadata.authors</c>).</summary>
    public IReadOnlyList<BomContact> Authors { get; init; } = [];

    /// <summary>The document's supplier (<c>metadata.supplier</c>).</summary>
    public BomOrganization? Supplier { get; init; }

    /// <summary>The maker of the software (<c>metadata.manufacture</c>, before CycloneDX 1.6 moved it onto the component).</summary>
    public BomOrganization? Manufacture { get; init; }

    /// <summary><c>metadata.component</c>'s fields that describe a project; null without a <c>metadata.component</c>.</summary>
    public BomSubject? Subject { get; init; }
}

/// <summary>The described component's people, organisations, references and identifiers other than name, version and purl.</summary>
public sealed record BomSubject
{
    /// <summary>Its <c>authors</c>, preceded by the legacy <c>author</c> string as a contact with that name.</summary>
    public IReadOnlyList<BomContact> Authors { get; init; } = [];

    public string? Publisher { get; init; }

    public BomOrganization? Supplier { get; init; }

    /// <summary>The component's <c>manufacturer</c> (CycloneDX 1.6).</summary>
    public BomOrganization? Manufacturer { get; init; }

    public IReadOnlyList<BomExternalReference> ExternalReferences { get; init; } = [];

    public string? Cpe { get; init; }

    /// <summary><c>swid.tagId</c>.</summary>
    public string? SwidTagId { get; init; }
}

/// <summary>An organizational contact: a person or role with a name, an e-mail address and a phone number.</summary>
public sealed record BomContact(string? Name, string? Email, string? Phone);

/// <summary>An organizational entity: a name, web addresses and contacts.</summary>
public sealed record BomOrganization(string? Name, IReadOnlyList<string> Urls, IReadOnlyList<BomContact> Contacts);

/// <summary>An external reference: its CycloneDX type (e.g. <c>vcs</c>), address and comment.</summary>
public sealed record BomExternalReference(string? Type, string? Url, string? Comment);
