namespace Depwatch.Core.Triage.Vex;

public enum VexFormat
{
    CycloneDx,
    OpenVex,
}

/// <summary>A VEX document as read: what it names itself and the statements it makes, in document order.</summary>
/// <param name="SerialNumber">CycloneDX's <c>serialNumber</c>; OpenVEX's <c>@id</c>.</param>
public sealed record VexStatements(VexFormat Format, string? SerialNumber, int? Version, IReadOnlyList<VexStatement> Statements)
{
    /// <summary>How the audit trail and messages name the document, e.g. <c>CycloneDX VEX urn:uuid:…, version 2</c>.</summary>
    public string Describe(string fallback)
    {
        var kind = Format == VexFormat.CycloneDx ? "CycloneDX VEX" : "OpenVEX";
        if (SerialNumber is null)
        {
            return $"{kind} {fallback}";
        }
        return Version is { } version ? $"{kind} {SerialNumber}, version {version}" : $"{kind} {SerialNumber}";
    }
}

/// <summary>
/// One VEX statement: a decision about a vulnerability in the products it names. <see cref="Analysis"/> is null when
/// the statement carries none (Dependency-Track skips those); its <see cref="FindingAnalysis.IsSuppressed"/> follows
/// Dependency-Track: set for not affected, false positive and resolved.
/// </summary>
/// <param name="Location">Where the statement is in its document, for messages.</param>
public sealed record VexStatement(
    string VulnerabilityId,
    string? Source,
    IReadOnlyList<string> Aliases,
    FindingAnalysis? Analysis,
    IReadOnlyList<VexProduct> Products,
    string Location)
{
    /// <summary>When the statement was made, for OpenVEX's rule that a later statement overrides an earlier one.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Whether scanners leave the finding out: not affected, false positive or resolved (OpenVEX: not_affected, fixed).</summary>
    public bool Suppresses => Analysis?.IsSuppressed == true;

    public bool Names(string vulnId) =>
        string.Equals(VulnerabilityId, vulnId, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(alias => string.Equals(alias, vulnId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// What a statement is about: a CycloneDX <c>affects</c> ref, with what the VEX itself says of the component it names
/// (its purl, group, name and version), or an OpenVEX product with its subcomponents.
/// </summary>
/// <param name="IsDocumentSubject">The ref names the VEX's own <c>metadata.component</c>: the whole product.</param>
public sealed record VexProduct(string? Ref, string? Purl, string? Group, string? Name, string? Version, bool IsDocumentSubject = false)
{
    public IReadOnlyList<VexProduct> Subcomponents { get; init; } = [];

    /// <summary>How a report names the product.</summary>
    public override string ToString() => Ref ?? Purl ?? (Group is null ? $"{Name}@{Version}" : $"{Group}/{Name}@{Version}");
}
