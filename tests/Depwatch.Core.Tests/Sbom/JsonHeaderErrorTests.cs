using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class JsonHeaderErrorTests
{
    [Fact]
    public Task Rejects_another_bom_format() => AssertFailsAsync(
        """{ "bomFormat": "SPDX", "specVersion": "1.6" }""",
        "not a CycloneDX document: bomFormat is 'SPDX', expected 'CycloneDX'", "$.bomFormat");

    [Theory]
    [InlineData("1.1")]
    [InlineData("1.7")]
    [InlineData("2.0")]
    public Task Rejects_an_unsupported_spec_version(string version) => AssertFailsAsync(
        $$"""{ "bomFormat": "CycloneDX", "specVersion": "{{version}}", "components": [] }""",
        $"unsupported CycloneDX specVersion '{version}': Depwatch reads 1.2 to 1.6", "$.specVersion");

    [Fact]
    public Task Rejects_a_document_without_bom_format() => AssertFailsAsync(
        """{ "specVersion": "1.6", "components": [] }""",
        "not a CycloneDX document: bomFormat is missing", "$");

    [Fact]
    public Task Rejects_a_document_without_spec_version() => AssertFailsAsync(
        """{ "bomFormat": "CycloneDX", "components": [] }""", "specVersion is missing", "$");

    [Fact]
    public Task Rejects_a_spec_version_given_after_the_components() => AssertFailsAsync(
        """{ "components": [ { "type": "library", "name": "a" } ], "bomFormat": "CycloneDX", "specVersion": "1.1" }""",
        "unsupported CycloneDX specVersion '1.1': Depwatch reads 1.2 to 1.6", "$.specVersion");

    [Fact]
    public Task Rejects_a_spec_version_that_is_not_a_string() => AssertFailsAsync(
        """{ "bomFormat": "CycloneDX", "specVersion": 1.6 }""",
        "expected a string but found a number", "$.specVersion");

    [Fact]
    public Task Rejects_a_root_that_is_not_an_object() => AssertFailsAsync(
        """[ { "bomFormat": "CycloneDX" } ]""",
        "expected an object (a CycloneDX document) but found an array", "$");

    [Fact]
    public Task Rejects_a_fractional_bom_version() => AssertFailsAsync(
        """{ "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1.5 }""",
        "expected an integer but found a number", "$.version");

    [Fact]
    public Task Rejects_a_duplicate_root_member() => AssertFailsAsync(
        """{ "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [], "components": [] }""",
        "duplicate 'components'", "$.components");
}
