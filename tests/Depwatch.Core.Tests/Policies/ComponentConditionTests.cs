using Depwatch.Core.Components;
using Depwatch.Core.Policies;
using static Depwatch.Core.Tests.Policies.PolicyFixtures;

namespace Depwatch.Core.Tests.Policies;

/// <summary>PACKAGE_URL, COORDINATES, VERSION and COMPONENT_HASH look at the component itself.</summary>
public sealed class ComponentConditionTests
{
    [Theory]
    [InlineData(ConditionOperator.Matches, "pkg:maven/org.apache.logging.log4j/*", true)]
    [InlineData(ConditionOperator.Matches, "log4j-core", true)]
    [InlineData(ConditionOperator.Matches, "^pkg:npm/", false)]
    [InlineData(ConditionOperator.Matches, "^log4j-core", false)]
    [InlineData(ConditionOperator.NoMatch, "^pkg:npm/", true)]
    [InlineData(ConditionOperator.NoMatch, "pkg:maven/.*@2\\.14\\.1$", false)]
    public void Package_url_is_a_pattern_found_anywhere_unless_anchored(ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Violates(ConditionSubject.PackageUrl, op, value, Component()));

    [Fact]
    public void A_component_without_purl_matches_no_purl_pattern()
    {
        Assert.False(Violates(ConditionSubject.PackageUrl, ConditionOperator.Matches, "*", Component(purl: null)));
        Assert.True(Violates(ConditionSubject.PackageUrl, ConditionOperator.NoMatch, "*", Component(purl: null)));
    }

    [Theory]
    [InlineData("""{"group":"org.apache.logging.log4j","name":"log4j-core","version":"<2.17.1"}""", true)]
    [InlineData("""{"group":"org.apache.logging.log4j","name":"log4j-core","version":">=2.17.1"}""", false)]
    [InlineData("""{"group":"org.apache.*","name":"log4j-*","version":"2.14.*"}""", true)]
    [InlineData("""{"name":"log4j-core","version":"==2.14.1"}""", true)]
    [InlineData("""{"name":"log4j-core","version":"!=2.14.1"}""", false)]
    [InlineData("""{"group":"","name":"log4j-api","version":""}""", false)]
    [InlineData("""{"group":"com.acme"}""", false)]
    [InlineData("""{}""", true)]
    public void Coordinates_match_group_name_and_version(string value, bool expected)
    {
        Assert.Equal(expected, Violates(ConditionSubject.Coordinates, ConditionOperator.Matches, value, Component()));
        Assert.Equal(!expected, Violates(ConditionSubject.Coordinates, ConditionOperator.NoMatch, value, Component()));
    }

    [Fact]
    public void A_coordinates_group_never_matches_a_component_without_group() =>
        Assert.False(Violates(ConditionSubject.Coordinates, ConditionOperator.Matches, """{"group":"*"}""", Component(group: null)));

    [Theory]
    [InlineData(ConditionOperator.NumericLessThan, "2.17.1", true)]
    [InlineData(ConditionOperator.NumericLessThan, "2.14.1", false)]
    [InlineData(ConditionOperator.NumericLesserThanOrEqual, "2.14.1", true)]
    [InlineData(ConditionOperator.NumericEqual, "2.14.1", true)]
    [InlineData(ConditionOperator.NumericNotEqual, "2.14.1", false)]
    [InlineData(ConditionOperator.NumericGreaterThan, "2.9", true)]
    [InlineData(ConditionOperator.NumericGreaterThanOrEqual, "2.14.1-rc1", true)]
    [InlineData(ConditionOperator.NumericGreaterThan, "2.14.1", false)]
    public void Version_compares_numerically(ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Violates(ConditionSubject.Version, op, value, Component()));

    [Fact]
    public void A_component_without_version_meets_no_version_condition() =>
        Assert.False(Violates(ConditionSubject.Version, ConditionOperator.NumericNotEqual, "1.0", Component(version: null)));

    [Theory]
    [InlineData(ConditionOperator.Is, "SHA-256", "ABCDEF0123", true)]
    [InlineData(ConditionOperator.Is, "sha-256", "abcdef0123", true)]
    [InlineData(ConditionOperator.Is, "SHA-1", "abcdef0123", false)]
    [InlineData(ConditionOperator.Is, "SHA-256", "ffff", false)]
    [InlineData(ConditionOperator.IsNot, "SHA-256", "ffff", true)]
    [InlineData(ConditionOperator.IsNot, "SHA-256", "abcdef0123", false)]
    public void Component_hash_compares_algorithm_and_digest(ConditionOperator op, string algorithm, string digest, bool expected)
    {
        var component = Component(hashes: [new ComponentHash("SHA-256", "abcdef0123"), new ComponentHash("MD5", "00ff")]);
        var value = $$"""{"algorithm":"{{algorithm}}","value":"{{digest}}"}""";
        Assert.Equal(expected, Violates(ConditionSubject.ComponentHash, op, value, component));
    }
}
