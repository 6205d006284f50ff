using Depwatch.Testing.Sboms;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class PurlHandlingTests
{
    private static BomBuilder BomWithOneInvalidPurl() => new BomBuilder("1.6")
        .WithComponent("lodash", "4.17.21", "pkg:npm/lodash@4.17.21", bomRef: "lodash")
        .WithComponent("broken", "1.0", "npm/broken@1.0", bomRef: "broken")
        .WithNested("left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0", bomRef: "left-pad");

    public static TheoryData<string> Formats() => ["json", "xml"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Marks_only_the_component_with_an_invalid_purl(string format)
    {
        var builder = BomWithOneInvalidPurl();

        var bom = await ReadAsync(format == "json" ? builder.ToJson() : builder.ToXml());

        var broken = bom.Components[1];
        Assert.Equal("npm/broken@1.0", broken.PurlText);
        Assert.Null(broken.Purl);
        Assert.False(string.IsNullOrWhiteSpace(broken.PurlError));
        Assert.Equal("broken", broken.Name);
        Assert.All([bom.Components[0], bom.Components[2]], valid =>
        {
            Assert.NotNull(valid.Purl);
            Assert.Null(valid.PurlError);
        });
        Assert.Equal("npm", bom.Components[2].Purl!.Type);
    }

    [Fact]
    public async Task Leaves_purl_fields_empty_when_the_component_has_none()
    {
        var bom = await ReadAsync(new BomBuilder("1.4").WithComponent("config.yml", "1", type: "file").ToJson());

        var component = Assert.Single(bom.Components);
        Assert.Null(component.PurlText);
        Assert.Null(component.Purl);
        Assert.Null(component.PurlError);
    }
}
