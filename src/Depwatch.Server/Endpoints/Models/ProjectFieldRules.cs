using System.Text.RegularExpressions;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// What a project's people, organisations, identifiers and references may hold: Dependency-Track's rules (printable
/// text, a CPE 2.2 or 2.3, CycloneDX external reference types) within the sizes Depwatch stores.
/// </summary>
internal static partial class ProjectFieldRules
{
    public const int MaxEntries = 100;
    public const int MaxUrlLength = 2048;
    public const int MaxCommentLength = 1024;

    /// <summary>The external reference types of CycloneDX 1.6, which Dependency-Track accepts.</summary>
    public static readonly IReadOnlySet<string> ExternalReferenceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "vcs", "issue-tracker", "website", "advisories", "bom", "mailing-list", "social", "chat", "documentation", "support",
        "source-distribution", "distribution", "distribution-intake", "license", "build-meta", "build-system", "release-notes",
        "security-contact", "model-card", "log", "configuration", "evidence", "formulation", "attestation", "threat-model",
        "adversary-model", "risk-assessment", "vulnerability-assertion", "exploitability-statement", "pentest-report",
        "static-analysis-report", "dynamic-analysis-report", "runtime-analysis-report", "component-analysis-report",
        "maturity-report", "certification-report", "codified-infrastructure", "quality-metrics", "poam", "electronic-signature",
        "digital-signature", "rfc-9116", "other",
    };

    public static IEnumerable<FieldError> Check(ProjectRequest request)
    {
        var errors = new List<FieldError?>
        {
            Text("group", request.Group),
            Text("publisher", request.Publisher),
            Text("swidTagId", request.SwidTagId),
            Text("author", request.Author),
            Text("cpe", request.Cpe) ?? CpeError(request.Cpe),
        };
        errors.AddRange(Contacts("authors", request.Authors));
        errors.AddRange(Organization("supplier", request.Supplier));
        errors.AddRange(Organization("manufacturer", request.Manufacturer));
        errors.AddRange(References(request.ExternalReferences));
        return errors.OfType<FieldError>();
    }

    /// <summary>Whether <paramref name="cpe"/> is a CPE 2.3 formatted string or a CPE 2.2 URI.</summary>
    public static bool IsCpe(string cpe) => Cpe23().IsMatch(cpe) || Cpe22().IsMatch(cpe);

    private static FieldError? CpeError(string? cpe) => string.IsNullOrWhiteSpace(cpe) || IsCpe(cpe.Trim())
        ? null
        : new FieldError("The CPE must conform to the CPE v2.2 or v2.3 specification defined by NIST", "must be a CPE 2.2 or 2.3", "cpe", null);

    private static IEnumerable<FieldError?> Contacts(string path, IReadOnlyList<OrganizationalContact?>? contacts)
    {
        if (contacts is null)
        {
            yield break;
        }
        if (contacts.Count > MaxEntries)
        {
            yield return TooMany(path, contacts.Count);
            yield break;
        }
        for (var index = 0; index < contacts.Count; index++)
        {
            var at = $"{path}[{index}]";
            yield return Text($"{at}.name", contacts[index]?.Name);
            yield return Text($"{at}.email", contacts[index]?.Email);
            yield return Text($"{at}.phone", contacts[index]?.Phone);
        }
    }

    private static IEnumerable<FieldError?> Organization(string path, OrganizationalEntity? organization)
    {
        if (organization is null)
        {
            return [];
        }
        var urls = organization.Urls ?? [];
        var urlErrors = urls.Count > MaxEntries
            ? [TooMany($"{path}.urls", urls.Count)]
            : urls.Select((url, index) => Url($"{path}.urls[{index}]", url));
        return [Text($"{path}.name", organization.Name), .. urlErrors, .. Contacts($"{path}.contacts", organization.Contacts)];
    }

    private static IEnumerable<FieldError?> References(IReadOnlyList<ExternalReference?>? references)
    {
        if (references is null)
        {
            yield break;
        }
        if (references.Count > MaxEntries)
        {
            yield return TooMany("externalReferences", references.Count);
            yield break;
        }
        for (var index = 0; index < references.Count; index++)
        {
            var at = $"externalReferences[{index}]";
            var reference = references[index];
            if (reference?.Type is not { } type || !ExternalReferenceTypes.Contains(type))
            {
                yield return new FieldError($"The {at}.type must be a CycloneDX external reference type, such as vcs, website or documentation.",
                    "must be an external reference type", $"{at}.type", null);
            }
            yield return string.IsNullOrWhiteSpace(reference?.Url)
                ? new FieldError($"The {at}.url must not be blank.", "must not be blank", $"{at}.url", null)
                : Url($"{at}.url", reference.Url);
            yield return reference?.Comment is { } comment && (comment.Length > MaxCommentLength || StoredText.IdentifierProblem(comment) is not null)
                ? new FieldError($"The {at}.comment must be printable and at most {MaxCommentLength} characters long.", "invalid comment", $"{at}.comment", null)
                : null;
        }
    }

    private static FieldError? Url(string path, string? url) => url is not null && (url.Length > MaxUrlLength || StoredText.IdentifierProblem(url) is not null)
        ? new FieldError($"The {path} must be printable and at most {MaxUrlLength} characters long.", "invalid URL", path, null)
        : null;

    /// <summary>A short printable text, as Dependency-Track's names are; the value is not echoed.</summary>
    private static FieldError? Text(string path, string? value) => value is not null && StoredText.IndexedProblem(value) is { } problem
        ? new FieldError($"The {path} {problem}.", problem, path, null)
        : null;

    private static FieldError TooMany(string path, int count) =>
        new($"The {path} may hold at most {MaxEntries} entries; {count} were given.", $"size must be at most {MaxEntries}", path, null);

    [GeneratedRegex(@"^cpe:2\.3:[aho*\-](:(?:[^:\\]|\\.)*){10}$")]
    private static partial Regex Cpe23();

    [GeneratedRegex(@"^[cC][pP][eE]:/[AHOaho]?(:[A-Za-z0-9._\-~%]*){0,6}$")]
    private static partial Regex Cpe22();
}
