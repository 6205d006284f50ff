using Depwatch.Core.Sbom;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Ingest;

/// <summary>
/// What a BOM's metadata sets on its project, as Dependency-Track sets it: <c>metadata.component</c>'s authors,
/// publisher, supplier, manufacturer, external references, CPE and SWID tag (never its name, version, group or
/// description), and the document's own authors, supplier and tools as the project's <c>metadata</c>.
/// </summary>
internal sealed record BomDescription(
    string? Authors, string? Publisher, string? Supplier, string? Manufacturer, string? ExternalReferences, string? Cpe,
    string? SwidTagId)
{
    /// <summary>The project's fields from <paramref name="bom"/>; null when it has no <c>metadata.component</c> (they stay as they are).</summary>
    public static BomDescription? Of(Bom bom) => bom.Metadata.Subject is not { } subject ? null : new(
        ProjectParties.Write(subject.Authors.Select(Contact).ToList()),
        Text(subject.Publisher),
        ProjectParties.Write(Organization(subject.Supplier)),
        ProjectParties.Write(Organization(subject.Manufacturer ?? bom.Metadata.Manufacture)),
        ProjectParties.Write(subject.ExternalReferences.Where(r => !string.IsNullOrWhiteSpace(r.Url)).Select(Reference).ToList()),
        Text(subject.Cpe),
        Text(subject.SwidTagId));

    public static Task ApplyAsync(DepwatchDbContext db, Guid projectId, BomDescription described, CancellationToken cancellationToken) =>
        db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Authors, described.Authors)
            .SetProperty(p => p.Publisher, described.Publisher)
            .SetProperty(p => p.Supplier, described.Supplier)
            .SetProperty(p => p.Manufacturer, described.Manufacturer)
            .SetProperty(p => p.ExternalReferences, described.ExternalReferences)
            .SetProperty(p => p.Cpe, described.Cpe)
            .SetProperty(p => p.SwidTagId, described.SwidTagId), cancellationToken);

    /// <summary>The project's <c>metadata</c>: the document's authors, supplier and tools.</summary>
    public static string MetadataOf(Bom bom) => ProjectParties.Write(new ProjectMetadata(
        Organization(bom.Metadata.Supplier),
        bom.Metadata.Authors.Count == 0 ? null : [.. bom.Metadata.Authors.Select(Contact)],
        bom.Tools.Count == 0 ? null : new ProjectTools([.. bom.Tools.Select(t => new ProjectTool(t.Group, t.Name, t.Version))])))!;

    private static OrganizationalContact Contact(BomContact contact) => new(Text(contact.Name), Text(contact.Email), Text(contact.Phone));

    private static OrganizationalEntity? Organization(BomOrganization? organization) => organization is null ? null : new(
        Text(organization.Name),
        organization.Urls.Count == 0 ? null : organization.Urls,
        organization.Contacts.Count == 0 ? null : [.. organization.Contacts.Select(Contact)]);

    /// <summary>A reference of a type Dependency-Track does not know is kept as <c>other</c>, as the API would not accept it.</summary>
    private static ExternalReference Reference(BomExternalReference reference) => new(
        reference.Type is { } type && Endpoints.Models.ProjectFieldRules.ExternalReferenceTypes.Contains(type) ? type : "other",
        reference.Url!.Trim(), Text(reference.Comment));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
