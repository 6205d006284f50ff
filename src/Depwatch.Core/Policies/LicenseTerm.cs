using Depwatch.Core.Components;

namespace Depwatch.Core.Policies;

/// <summary>
/// A component's licensing as an SPDX expression tree. A leaf without an id is an unresolved license: a license
/// given only by name, no license at all, or an expression that does not parse.
/// </summary>
internal abstract record LicenseTerm
{
    public static readonly LicenseTerm Unresolved = new LicenseLeaf(null, false, null);

    /// <summary>All of the component's license entries must hold (several entries, as CycloneDX lists them, are ANDed).</summary>
    public static LicenseTerm Of(Component component)
    {
        if (component.Licenses.Count == 0)
        {
            return Unresolved;
        }
        var terms = component.Licenses.Select(Of).ToList();
        return terms.Count == 1 ? terms[0] : new LicenseAll(terms);
    }

    private static LicenseTerm Of(ComponentLicense license) =>
        license.Id is { Length: > 0 } id ? new LicenseLeaf(id.Trim(), false, null)
        : license.Expression is { Length: > 0 } expression ? SpdxExpressionParser.Parse(expression) ?? Unresolved
        : Unresolved;
}

internal sealed record LicenseLeaf(string? Id, bool OrLater, string? Exception) : LicenseTerm;

internal sealed record LicenseAll(IReadOnlyList<LicenseTerm> Terms) : LicenseTerm;

internal sealed record LicenseAnyOf(IReadOnlyList<LicenseTerm> Terms) : LicenseTerm;
