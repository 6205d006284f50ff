using System.Text;
using Depwatch.Core.Sbom;
using Depwatch.Testing.Sboms;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class StreamingTests
{
    [Fact]
    public async Task Reads_members_in_any_order()
    {
        const string document = """
            {
              "components": [ { "name": "a", "type": "library", "bom-ref": "a" } ],
              "dependencies": [ { "dependsOn": [], "ref": "a" } ],
              "metadata": { "component": { "name": "app", "type": "application" } },
              "version": 4,
              "specVersion": "1.5",
              "bomFormat": "CycloneDX"
            }
            """;

        var bom = await ReadAsync(document);

        Assert.Equal(("1.5", 4), (bom.SpecVersion, bom.Version));
        Assert.Equal(("1", "a", "a"), (bom.Components[0].Key, bom.Components[0].Name, bom.Components[0].BomRef));
        Assert.Equal(("0", "app"), (bom.MetadataComponent!.Key, bom.MetadataComponent.Name));
        Assert.Equal("a", Assert.Single(bom.Dependencies).Ref);
    }

    [Fact]
    public async Task Numbers_components_in_document_order_when_metadata_comes_last()
    {
        var bom = await ReadAsync("""
            { "bomFormat": "CycloneDX", "specVersion": "1.6",
              "components": [ { "name": "a" } ],
              "metadata": { "component": { "name": "app", "components": [ { "name": "b" } ] } } }
            """);

        Assert.Equal([("1", "a"), ("2", "b")], bom.Components.Select(c => (c.Key, c.Name)));
        Assert.Equal("$.metadata.component.components[0]", bom.Components[1].Location);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A_check_sees_every_component_as_it_is_read_and_the_bom_keeps_none(string format)
    {
        var builder = new BomBuilder("1.6").WithMetadataComponent("app").WithComponent("a", "1").WithNested("b").WithComponent("c");
        var content = Encoding.UTF8.GetBytes(format == "json" ? builder.ToJson() : builder.ToXml());
        var seen = new List<string>();

        var bom = await ReadAsync(content, new CycloneDxReaderOptions { ComponentRead = c => seen.Add(c.Name), KeepComponents = false });

        Assert.Equal(["a", "app", "b", "c"], seen.Order(StringComparer.Ordinal));
        Assert.Empty(bom.Components);
        Assert.Equal("app", bom.MetadataComponent!.Name);
    }

    [Fact]
    public async Task A_check_refuses_the_document_at_the_component_it_throws_for()
    {
        var document = new BomBuilder("1.6").WithComponent("a").WithComponent("refused").ToJson();
        var options = new CycloneDxReaderOptions
        {
            ComponentRead = c => _ = c.Name == "refused" ? throw new BomFormatException("the name is refused", c.Location!) : 0,
        };

        var failure = await FailureAsync(document, options);

        Assert.Equal(("the name is refused", "$.components[1]"), (failure.Problem, failure.Location));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Reads_a_value_larger_than_the_buffer(string format)
    {
        var longValue = string.Concat(Enumerable.Repeat("0123456789abcdef", 20_000));
        var builder = new BomBuilder("1.6").WithComponent("a", "1", properties: [new("evidence", longValue)]);
        var content = Encoding.UTF8.GetBytes(format == "json" ? builder.ToJson() : builder.ToXml());

        var bom = await CycloneDxReader.ReadAsync(new TrickleStream(content, chunkSize: 4096));

        Assert.Equal(longValue, bom.Components[0].Property("evidence"));
    }

    [Fact]
    public async Task Skips_a_large_unknown_value_without_growing_the_buffer()
    {
        var hashes = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$"""{ "alg": "SHA-256", "content": "{{i:x64}}" }"""));
        var document = $$"""
            { "bomFormat": "CycloneDX", "specVersion": "1.6",
              "components": [ { "name": "a", "hashes": [ {{hashes}} ], "version": "1" } ] }
            """;
        var stream = new TrickleStream(Encoding.UTF8.GetBytes(document), chunkSize: 1000);

        var bom = await CycloneDxReader.ReadAsync(stream);

        Assert.Equal("1", bom.Components[0].Version);
        Assert.True(document.Length > 40 * DocumentPrefix.BufferSize);
        Assert.True(stream.LargestReadRequest <= DocumentPrefix.BufferSize);
    }

    [Fact]
    public async Task Unescapes_escaped_strings()
    {
        var bom = await ReadAsync("""
            { "bomFormat": "CycloneDX", "specVersion": "1.6",
              "components": [ { "na\u006de": "caf\u00e9 \"bar\"", "purl": "pkg:npm/a\/b@1" } ] }
            """);

        Assert.Equal("café \"bar\"", bom.Components[0].Name);
        Assert.Equal("pkg:npm/a/b@1", bom.Components[0].PurlText);
    }

    [Fact]
    public async Task Treats_null_as_absent()
    {
        var bom = await ReadAsync("""
            { "bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": null, "version": null,
              "metadata": { "component": null, "tools": null },
              "components": [ { "name": "a", "type": null, "version": null, "purl": null, "properties": null, "components": null } ],
              "dependencies": null }
            """);

        var component = Assert.Single(bom.Components);
        Assert.Equal((Depwatch.Core.Components.ComponentType.Library, null, null), (component.Type, component.Version, component.PurlText));
        Assert.Null(bom.MetadataComponent);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Stops_when_cancelled(string format)
    {
        var builder = new BomBuilder("1.6").WithComponent("a");
        var content = Encoding.UTF8.GetBytes(format == "json" ? builder.ToJson() : builder.ToXml());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CycloneDxReader.ReadAsync(new TrickleStream(content, 16), cancellation.Token));
    }

    [Fact]
    public async Task Builds_the_same_model_from_the_builders_json_and_xml()
    {
        var builder = new BomBuilder("1.5")
            .WithTool("trivy", "0.50.1", vendor: "aquasecurity")
            .WithMetadataComponent("app", "1.0", "pkg:npm/app@1.0", bomRef: "app")
            .WithNested("app-plugin", "1.0", bomRef: "app-plugin")
            .WithComponent("express", "4.18.2", "pkg:npm/express@4.18.2", "express", properties: [new("k", "v")])
            .WithNested("body-parser", "1.20.1", "pkg:npm/body-parser@1.20.1", "body-parser", type: "library")
            .WithDependency("app", "express")
            .WithDependency("express", "body-parser");

        var json = BomSummary.Of(await ReadAsync(builder.ToJson()));
        var xml = BomSummary.Of(await ReadAsync(builder.ToXml()));

        BomSummary.AssertEqual(json, xml);
        Assert.Equal(["1", "2", "3"], json.Components.Select(c => c.Key));
        Assert.Equal(["aquasecurity/trivy@0.50.1"], json.Tools);
    }
}
