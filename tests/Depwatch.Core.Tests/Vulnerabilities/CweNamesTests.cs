using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Core.Tests.Vulnerabilities;

/// <summary>CWE names come from the MITRE list shipped with Depwatch, whose version the list names.</summary>
public sealed class CweNamesTests
{
    [Theory]
    [InlineData(79, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')")]
    [InlineData(502, "Deserialization of Untrusted Data")]
    [InlineData(1321, "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')")]
    [InlineData(28, @"Path Traversal: '..\filedir'")]
    public void A_known_cwe_has_MITREs_name(int cweId, string name) => Assert.Equal(name, CweNames.Name(cweId));

    /// <summary>Older CVEs name categories (NVD mapped to them for years); those need names too.</summary>
    [Theory]
    [InlineData(264, "Permissions, Privileges, and Access Controls")]
    [InlineData(399, "Resource Management Errors")]
    [InlineData(189, "Numeric Errors")]
    [InlineData(310, "Cryptographic Issues")]
    [InlineData(1000, "Research Concepts")]
    public void A_category_or_view_has_MITREs_name(int cweId, string name) => Assert.Equal(name, CweNames.Name(cweId));

    [Theory]
    [InlineData(0)]
    [InlineData(999999)]
    public void A_number_the_list_does_not_have_has_no_name(int cweId) => Assert.Null(CweNames.Name(cweId));

    [Fact]
    public void The_list_names_its_version_and_holds_every_weakness_category_and_view()
    {
        Assert.Matches(@"^4\.\d+$", CweNames.Version);
        Assert.True(CweNames.Count > 1400, $"{CweNames.Count} names");
    }
}
