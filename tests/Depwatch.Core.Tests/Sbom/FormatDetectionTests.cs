using System.Text;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class FormatDetectionTests
{
    private const string MinimalJson = """{ "bomFormat": "CycloneDX", "specVersion": "1.5" }""";

    private const string MinimalXml = """<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>""";

    [Theory]
    [InlineData("hello", "byte 0")]
    [InlineData("\n\n  spdxVersion: SPDX-2.3", "byte 4")]
    [InlineData("\uFEFFname,version", "byte 3")]
    [InlineData("\"CycloneDX\"", "byte 0")]
    public Task Rejects_a_document_that_is_neither_json_nor_xml(string document, string location) =>
        AssertFailsAsync(document, "not a CycloneDX document: expected JSON or XML", location);

    [Theory]
    [InlineData("", "byte 0")]
    [InlineData(" \r\n\t", "byte 4")]
    [InlineData("\uFEFF", "byte 3")]
    public Task Rejects_an_empty_document(string document, string location) =>
        AssertFailsAsync(document, "the document is empty", location);

    [Fact]
    public async Task Rejects_utf16_as_neither_json_nor_xml()
    {
        var failure = await FailureAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(MinimalXml)).ToArray());

        Assert.Equal("not a CycloneDX document: expected JSON or XML", failure.Problem);
    }

    [Theory]
    [InlineData(MinimalJson)]
    [InlineData("\uFEFF" + MinimalJson)]
    [InlineData("\r\n   " + MinimalJson)]
    [InlineData(MinimalXml)]
    [InlineData("\uFEFF" + MinimalXml)]
    [InlineData("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- SBOM -->\n" + MinimalXml)]
    public async Task Detects_json_and_xml_after_a_byte_order_mark_and_whitespace(string document)
    {
        var bom = await ReadAsync(document);

        Assert.Equal("1.5", bom.SpecVersion);
        Assert.Empty(bom.Components);
        Assert.Null(bom.MetadataComponent);
    }

    [Fact]
    public async Task Leaves_the_stream_open()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(MinimalJson));

        await Depwatch.Core.Sbom.CycloneDxReader.ReadAsync(stream);

        Assert.True(stream.CanRead);
    }
}
