using Depwatch.Core.Sbom;
using Depwatch.Testing.Sboms;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class XmlErrorTests
{
    private const string Declaration = """<?xml version="1.0" encoding="UTF-8"?>""";

    private static string Bom(string content, string version = "1.6") =>
        $"{Declaration}\n<bom xmlns=\"http://cyclonedx.org/schema/bom/{version}\" version=\"1\">\n{content}\n</bom>\n";

    [Theory]
    [InlineData("http://cyclonedx.org/schema/bom/1.1")]
    [InlineData("http://cyclonedx.org/schema/bom/1.7")]
    [InlineData("http://example.com/sbom")]
    public Task Rejects_an_unknown_namespace(string xmlNamespace) => AssertFailsAsync(
        $"{Declaration}\n<bom xmlns=\"{xmlNamespace}\" version=\"1\"/>",
        $"unsupported XML namespace '{xmlNamespace}': Depwatch reads CycloneDX 1.2 to 1.6"
        + " (http://cyclonedx.org/schema/bom/1.2 to http://cyclonedx.org/schema/bom/1.6)",
        "line 2, position 2");

    [Fact]
    public Task Rejects_another_root_element() => AssertFailsAsync(
        $"{Declaration}\n<spdx xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
        "not a CycloneDX document: the root element is <spdx>, expected <bom>", "line 2, position 2");

    [Fact]
    public Task Rejects_a_component_without_name() => AssertFailsAsync(
        Bom("<components>\n  <component type=\"library\"><name>a</name></component>\n  <component type=\"library\"><version>1</version></component>\n</components>"),
        "component has no name", "line 5, position 4");

    [Fact]
    public Task Rejects_an_unknown_component_type() => AssertFailsAsync(
        Bom("<components>\n    <component type=\"widget\"><name>a</name></component>\n</components>"),
        "unknown component type 'widget'", "line 4, position 6");

    [Fact]
    public Task Rejects_a_non_integer_bom_version() => AssertFailsAsync(
        $"{Declaration}\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"one\"/>",
        "expected an integer for the bom version but found 'one'", "line 2, position 2");

    [Fact]
    public Task Rejects_markup_inside_a_text_element() => AssertFailsAsync(
        Bom("<components>\n<component type=\"library\"><name>a<b>c</b></name></component>\n</components>"),
        "expected only text in <name> but found the element <b>", "line 4, position 35");

    [Fact]
    public Task Rejects_a_dependency_without_ref() => AssertFailsAsync(
        Bom("<dependencies>\n  <dependency ref=\"a\">\n    <dependency/>\n  </dependency>\n</dependencies>"),
        "dependency has no ref", "line 5, position 6");

    [Fact]
    public Task Rejects_a_duplicate_bom_ref() => AssertFailsAsync(
        new BomBuilder("1.5").WithComponent("a", bomRef: "same").WithComponent("b", bomRef: "same").ToXml(),
        "duplicate bom-ref 'same', first used at line 7, position 6", "line 10, position 6");

    [Fact]
    public Task Rejects_a_duplicate_component_element() => AssertFailsAsync(
        Bom("<components>\n<component type=\"library\"><name>a</name><name>b</name></component>\n</components>"),
        "duplicate 'name'", "line 4, position 42");

    [Fact]
    public async Task Rejects_a_document_cut_short()
    {
        var failure = await FailureAsync(
            $"{Declaration}\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>\n<component type=\"library\"><name>op");

        Assert.Equal(
            "malformed XML: Unexpected end of file has occurred. The following elements are not closed: name, component, components, bom.",
            failure.Problem);
        Assert.Equal("line 4, position 35", failure.Location);
    }

    [Fact]
    public async Task Rejects_a_spec_document_cut_anywhere_without_other_exceptions()
    {
        var content = await File.ReadAllBytesAsync(SpecFilePath("1.6", "xml"));
        for (var length = 1; length < content.Length - 8; length += 89)
        {
            var failure = await FailureAsync(content[..length]);

            Assert.False(string.IsNullOrEmpty(failure.Location));
        }
    }

    [Fact]
    public async Task Rejects_more_components_than_the_limit()
    {
        var document = new BomBuilder("1.6").WithComponent("a").WithNested("b").WithComponent("c").ToXml();

        var failure = await FailureAsync(document, new CycloneDxReaderOptions { MaxComponents = 2 });

        Assert.Equal("the document has more than 2 components, the most Depwatch reads", failure.Problem);
        Assert.Equal("line 15, position 6", failure.Location);
    }

    [Fact]
    public async Task Rejects_components_nested_too_deep()
    {
        var nested = string.Concat(Enumerable.Repeat("<component type=\"library\"><name>n</name><components>\n", 65))
            + string.Concat(Enumerable.Repeat("</components></component>", 65));

        var failure = await FailureAsync(Bom($"<components>\n{nested}\n</components>"));

        Assert.Equal("components are nested more than 64 levels deep", failure.Problem);
        Assert.Equal("line 68, position 2", failure.Location);
    }
}
