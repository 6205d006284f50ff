using Depwatch.Core.Components;
using Depwatch.Core.Policies;
using static Depwatch.Core.Tests.Policies.PolicyFixtures;

namespace Depwatch.Core.Tests.Policies;

/// <summary>
/// LICENSE and LICENSE_GROUP over SPDX expressions: IS holds when the license cannot be avoided, IS_NOT when the
/// expression cannot be met with the license (the group) alone.
/// </summary>
public sealed class LicenseConditionTests
{
    private static Component Licensed(params ComponentLicense[] licenses) => Component(licenses: licenses);

    [Theory]
    [InlineData("MIT", ConditionOperator.Is, "MIT", true)]
    [InlineData("MIT", ConditionOperator.Is, "mit", true)]
    [InlineData("MIT", ConditionOperator.Is, "Apache-2.0", false)]
    [InlineData("MIT", ConditionOperator.IsNot, "Apache-2.0", true)]
    [InlineData("MIT", ConditionOperator.IsNot, "MIT", false)]
    public void License_by_id(string id, ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Violates(ConditionSubject.License, op, value, Licensed(ComponentLicense.ForId(id))));

    [Theory]
    [InlineData("MIT OR GPL-3.0-only", ConditionOperator.Is, "GPL-3.0-only", false)]
    [InlineData("MIT AND GPL-3.0-only", ConditionOperator.Is, "GPL-3.0-only", true)]
    [InlineData("(MIT OR Apache-2.0) AND BSD-3-Clause", ConditionOperator.IsNot, "BSD-3-Clause", true)]
    [InlineData("mit or apache-2.0", ConditionOperator.IsNot, "Apache-2.0", false)]
    public void License_in_an_expression(string expression, ConditionOperator op, string value, bool expected) =>
        Assert.Equal(expected, Violates(ConditionSubject.License, op, value, Licensed(ComponentLicense.ForExpression(expression))));

    [Fact]
    public void Several_license_entries_all_apply() =>
        Assert.True(Violates(ConditionSubject.License, ConditionOperator.Is, "GPL-3.0-only",
            Licensed(ComponentLicense.ForId("MIT"), ComponentLicense.ForId("GPL-3.0-only"))));

    [Fact]
    public void Unresolved_stands_for_no_license_or_a_name_only()
    {
        Assert.True(Violates(ConditionSubject.License, ConditionOperator.Is, "unresolved", Licensed()));
        Assert.True(Violates(ConditionSubject.License, ConditionOperator.Is, "unresolved", Licensed(ComponentLicense.ForName("Acme EULA"))));
        Assert.False(Violates(ConditionSubject.License, ConditionOperator.Is, "unresolved", Licensed(ComponentLicense.ForId("MIT"))));
        Assert.True(Violates(ConditionSubject.License, ConditionOperator.IsNot, "unresolved", Licensed(ComponentLicense.ForId("MIT"))));
    }

    [Theory]
    [InlineData("GPL-3.0-only", ConditionOperator.Is, "Copyleft", true)]
    [InlineData("MIT", ConditionOperator.Is, "Copyleft", false)]
    [InlineData("MIT", ConditionOperator.IsNot, "Permissive", false)]
    [InlineData("GPL-2.0-only", ConditionOperator.IsNot, "Permissive", true)]
    [InlineData("LGPL-2.1-only", ConditionOperator.Is, "weak copyleft", true)]
    public void License_group_by_name(string id, ConditionOperator op, string group, bool expected) =>
        Assert.Equal(expected, Violates(ConditionSubject.LicenseGroup, op, group, Licensed(ComponentLicense.ForId(id))));

    [Theory]
    [InlineData("GPL-2.0 WITH Classpath-exception-2.0", "Copyleft", false)]
    [InlineData("GPL-2.0 WITH classpath-exception", "Weak Copyleft", true)]
    [InlineData("GPL-2.0+", "Copyleft", true)]
    [InlineData("MIT OR GPL-3.0-only", "Copyleft", false)]
    public void License_group_follows_with_and_or_later(string expression, string group, bool expected) =>
        Assert.Equal(expected, Violates(ConditionSubject.LicenseGroup, ConditionOperator.Is, group, Licensed(ComponentLicense.ForExpression(expression))));

    [Fact]
    public void An_unresolved_license_is_in_no_group_but_fails_an_allow_list()
    {
        Assert.False(Violates(ConditionSubject.LicenseGroup, ConditionOperator.Is, "Copyleft", Licensed()));
        Assert.True(Violates(ConditionSubject.LicenseGroup, ConditionOperator.IsNot, "Permissive", Licensed()));
    }

    [Fact]
    public void Dependency_tracks_default_groups_are_shipped() =>
        Assert.Equal(["Copyleft", "Non-Commercial", "Permissive", "Weak Copyleft"], LicenseGroups.Defaults.All.Select(g => g.Name));
}
