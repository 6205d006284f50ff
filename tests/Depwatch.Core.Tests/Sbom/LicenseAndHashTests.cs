using Depwatch.Core.Components;
using Depwatch.Testing.Sboms;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

/// <summary>Components keep their CycloneDX licenses (id, name or expression) and hashes, in JSON and XML alike.</summary>
public sealed class LicenseAndHashTests
{
    public static TheoryData<string> Formats() => ["json", "xml"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Licenses_and_hashes_are_read_in_order(string format)
    {
        var builder = new BomBuilder("1.6")
            .WithComponent("guava", "33.0.0", "pkg:maven/com.google.guava/guava@33.0.0")
            .WithLicenses(ComponentLicense.ForId("Apache-2.0"), ComponentLicense.ForName("Acme EULA"))
            .WithHashes(new ComponentHash("SHA-256", "9f8e7d"), new ComponentHash("MD5", "00ff"))
            .WithNested("jsr305", "3.0.2", "pkg:maven/com.google.code.findbugs/jsr305@3.0.2")
            .WithLicenses(ComponentLicense.ForExpression("BSD-3-Clause OR MIT"));

        var bom = await ReadAsync(format == "json" ? builder.ToJson() : builder.ToXml());

        Assert.Equal([ComponentLicense.ForId("Apache-2.0"), ComponentLicense.ForName("Acme EULA")], bom.Components[0].Licenses);
        Assert.Equal([new ComponentHash("SHA-256", "9f8e7d"), new ComponentHash("MD5", "00ff")], bom.Components[0].Hashes);
        Assert.Equal([ComponentLicense.ForExpression("BSD-3-Clause OR MIT")], bom.Components[1].Licenses);
        Assert.Empty(bom.Components[1].Hashes);
    }

    [Fact]
    public async Task Json_license_members_beyond_id_and_name_are_skipped()
    {
        const string document = """
            {"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","version":"1",
              "licenses":[{"license":{"id":"MIT","url":"https://opensource.org/licenses/MIT","text":{"content":"…"},
                "acknowledgement":"declared"}},{"license":{"url":"x"}}],
              "hashes":[{"alg":"SHA-1","content":"abc"},{"alg":"SHA-512"}]}]}
            """;

        var component = (await ReadAsync(document)).Components.Single();

        Assert.Equal([ComponentLicense.ForId("MIT")], component.Licenses);
        Assert.Equal([new ComponentHash("SHA-1", "abc")], component.Hashes);
    }

    [Fact]
    public async Task The_specifications_examples_carry_licenses() =>
        Assert.Contains((await ReadSpecFileAsync("1.4", "json")).Components, c => c.Licenses.Count > 0);

    [Fact]
    public async Task Duplicate_licenses_members_are_refused() =>
        await AssertFailsAsync(
            """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a","licenses":[],"licenses":[]}]}""",
            "duplicate 'licenses'", "$.components[0].licenses");
}
