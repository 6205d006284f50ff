using Depwatch.Core.Triage;
using Depwatch.Core.Triage.Vex;
using Depwatch.Server.Triage;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// The answer to a VEX upload: Dependency-Track's <c>token</c> (the import is done when the answer comes, so the
/// token already reads as processed), and Depwatch's report of what each statement changed and what matched nothing.
/// </summary>
public sealed record VexUploadResponse(
    Guid Token, string Document, int Statements, IReadOnlyList<VexAppliedJson> Applied, IReadOnlyList<VexUnmatchedJson> Unmatched)
{
    internal static VexUploadResponse From(Guid token, VexImportReport report) => new(
        token, report.Document, report.Statements,
        [.. report.Applied.Select(a => VexAppliedJson.From(a.Match, a.Stored.Component, a.Stored.Vulnerability))],
        [.. report.Unmatched.Select(VexUnmatchedJson.From)]);
}

/// <summary>A decision recorded on a finding: the statement's vulnerability and ref, how the ref was matched, and the component.</summary>
/// <param name="MatchedBy"><c>PRODUCT</c> (the whole project), <c>BOM_REF</c>, <c>PURL</c> or <c>NAME_AND_VERSION</c>.</param>
public sealed record VexAppliedJson(
    string Vulnerability, Guid VulnerabilityUuid, string? Source, string? Ref, string MatchedBy, VexComponentJson Component, string AnalysisState,
    bool IsSuppressed)
{
    internal static VexAppliedJson From(VexMatch match, Guid component, Guid vulnerability) => new(
        match.Finding.Vulnerability.VulnId, vulnerability, match.Finding.Vulnerability.Source, match.Product.ToString(), MatchName(match.Kind),
        new VexComponentJson(component, match.Finding.Component.Group, match.Finding.Component.Name, match.Finding.Component.Version, match.Finding.Component.PurlText),
        AnalysisNames.Name(match.Statement.Analysis!.State), match.Statement.Analysis.IsSuppressed);

    private static string MatchName(VexMatchKind kind) => kind switch
    {
        VexMatchKind.Product => "PRODUCT",
        VexMatchKind.BomRef => "BOM_REF",
        VexMatchKind.Purl => "PURL",
        _ => "NAME_AND_VERSION",
    };
}

public sealed record VexComponentJson(Guid Uuid, string? Group, string Name, string? Version, string? Purl);

/// <summary>A statement, or one of its refs, that changed nothing, why, and where it is in the document.</summary>
public sealed record VexUnmatchedJson(string Vulnerability, string? Source, string? Ref, string Reason, string Location)
{
    internal static VexUnmatchedJson From(VexMiss miss) =>
        new(miss.Statement.VulnerabilityId, miss.Statement.Source, miss.Product?.ToString(), miss.Reason, miss.Statement.Location);
}
