using Depwatch.Core.Policies;

namespace Depwatch.Core.Tests.Policies;

/// <summary>A condition is refused with the field at fault and a reason a user can act on.</summary>
public sealed class ConditionValidationTests
{
    private static ConditionError? Validate(ConditionSubject subject, ConditionOperator op, string value) =>
        ConditionCompiler.Validate(new PolicyCondition(Guid.NewGuid(), subject, op, value), LicenseGroups.Defaults);

    [Theory]
    [InlineData(ConditionSubject.Severity, ConditionOperator.Matches)]
    [InlineData(ConditionSubject.PackageUrl, ConditionOperator.Is)]
    [InlineData(ConditionSubject.Version, ConditionOperator.Is)]
    [InlineData(ConditionSubject.Cwe, ConditionOperator.Is)]
    [InlineData(ConditionSubject.License, ConditionOperator.NumericEqual)]
    public void An_operator_the_subject_does_not_take_is_refused(ConditionSubject subject, ConditionOperator op)
    {
        var error = Validate(subject, op, "x");
        Assert.Equal("operator", error?.Field);
        Assert.Contains("use one of", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConditionSubject.Severity, ConditionOperator.Is, "SEVERE", "not a severity")]
    [InlineData(ConditionSubject.PackageUrl, ConditionOperator.Matches, "pkg:(npm", "invalid regular expression")]
    [InlineData(ConditionSubject.Coordinates, ConditionOperator.Matches, """{"name":"a[b"}""", "name: invalid regular expression")]
    [InlineData(ConditionSubject.Coordinates, ConditionOperator.Matches, """{"version":">="}""", "not a version range")]
    [InlineData(ConditionSubject.Coordinates, ConditionOperator.Matches, """{"version":"< 1.0 2.0"}""", "not a version range")]
    [InlineData(ConditionSubject.Coordinates, ConditionOperator.Matches, "acme:widget", "expected a JSON object")]
    [InlineData(ConditionSubject.Cwe, ConditionOperator.ContainsAny, "CWE-79, XSS", "'XSS' is not a CWE id")]
    [InlineData(ConditionSubject.LicenseGroup, ConditionOperator.Is, "Viral", "not a license group")]
    [InlineData(ConditionSubject.License, ConditionOperator.Is, "MIT OR BSD", "not an SPDX license id")]
    [InlineData(ConditionSubject.ComponentHash, ConditionOperator.Is, """{"algorithm":"CRC32","value":"ab"}""", "algorithm must be one of")]
    [InlineData(ConditionSubject.Version, ConditionOperator.NumericLessThan, " ", "a version is required")]
    public void A_bad_value_is_refused_with_its_reason(ConditionSubject subject, ConditionOperator op, string value, string reason)
    {
        var error = Validate(subject, op, value);
        Assert.Equal("value", error?.Field);
        Assert.Contains(reason, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_value_is_refused() =>
        Assert.Equal("value", Validate(ConditionSubject.VulnerabilityId, ConditionOperator.Is, new string('a', 5000))?.Field);

    [Theory]
    [InlineData(ConditionSubject.Coordinates, ConditionOperator.NoMatch, """{"group":"org.acme","name":"*","version":">=1.0"}""")]
    [InlineData(ConditionSubject.PackageUrl, ConditionOperator.Matches, @"^pkg:maven/(?<g>[^/]+)/\k<g>")]
    [InlineData(ConditionSubject.License, ConditionOperator.IsNot, "unresolved")]
    public void A_valid_condition_passes(ConditionSubject subject, ConditionOperator op, string value) =>
        Assert.Null(Validate(subject, op, value));

    [Theory]
    [InlineData("VULNERABILITY_ID", ConditionSubject.VulnerabilityId)]
    [InlineData("license_group", ConditionSubject.LicenseGroup)]
    [InlineData("COMPONENT_HASH", ConditionSubject.ComponentHash)]
    public void Subjects_are_named_as_dependency_track_names_them(string name, ConditionSubject subject)
    {
        Assert.True(PolicyNames.TryParse(name, out ConditionSubject parsed));
        Assert.Equal(subject, parsed);
        Assert.Equal(name.ToUpperInvariant(), PolicyNames.Name(subject));
    }
}
