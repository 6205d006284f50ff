using System.Text.RegularExpressions;
using Depwatch.Core.Sbom;

namespace Depwatch.Core.Tests.Sbom;

public sealed partial class SpecVersionTests
{
    public static TheoryData<string, string> Documents()
    {
        var documents = new TheoryData<string, string>();
        foreach (var version in new[] { "1.2", "1.3", "1.4", "1.5", "1.6" })
        {
            documents.Add(version, "json");
            documents.Add(version, "xml");
        }
        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Reads_the_spec_document_into_the_expected_model(string version, string format)
    {
        var bom = await SbomReading.ReadSpecFileAsync(version, format);

        BomSummary.AssertEqual(ExpectedSpecBoms.For(version), BomSummary.Of(bom));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Parses_every_purl_of_the_spec_document(string version, string format)
    {
        var bom = await SbomReading.ReadSpecFileAsync(version, format);

        foreach (var component in bom.Components.Append(bom.MetadataComponent!))
        {
            Assert.Null(component.PurlError);
            Assert.Equal(component.PurlText is null, component.Purl is null);
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Reads_the_same_when_every_read_returns_a_single_byte(string version, string format)
    {
        var content = await File.ReadAllBytesAsync(SbomReading.SpecFilePath(version, format));

        var bom = await CycloneDxReader.ReadAsync(new TrickleStream(content, chunkSize: 1));

        BomSummary.AssertEqual(ExpectedSpecBoms.For(version), BomSummary.Of(bom));
    }

    [Fact]
    public async Task Locates_json_components_by_their_path()
    {
        var bom = await SbomReading.ReadSpecFileAsync("1.4", "json");

        Assert.Equal("$.metadata.component", bom.MetadataComponent!.Location);
        Assert.Equal(
            [
                "$.metadata.component.components[0]",
                "$.components[0]",
                "$.components[1]",
                "$.components[1].components[0]",
                "$.components[2]",
                "$.components[2].components[0]",
            ],
            bom.Components.Select(c => c.Location));
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.4")]
    [InlineData("1.6")]
    public async Task Locates_xml_components_at_their_start_tag(string version)
    {
        var lines = await File.ReadAllLinesAsync(SbomReading.SpecFilePath(version, "xml"));
        var bom = await SbomReading.ReadSpecFileAsync(version, "xml");

        foreach (var component in bom.Components.Append(bom.MetadataComponent!))
        {
            var match = LineAndPosition().Match(component.Location!);
            Assert.True(match.Success, component.Location);
            var line = lines[int.Parse(match.Groups[1].Value) - 1];
            var position = int.Parse(match.Groups[2].Value);
            Assert.StartsWith($"component type=\"", line[(position - 1)..]);
            Assert.Contains($"bom-ref=\"{component.BomRef?.Replace("&", "&amp;")}\"", line);
        }
    }

    [Fact]
    public async Task Reads_xml_and_json_of_each_version_alike()
    {
        foreach (var version in new[] { "1.2", "1.3", "1.4", "1.5", "1.6" })
        {
            var json = await SbomReading.ReadSpecFileAsync(version, "json");
            var xml = await SbomReading.ReadSpecFileAsync(version, "xml");

            BomSummary.AssertEqual(BomSummary.Of(json), BomSummary.Of(xml));
        }
    }

    [GeneratedRegex(@"^line (\d+), position (\d+)$")]
    private static partial Regex LineAndPosition();
}
