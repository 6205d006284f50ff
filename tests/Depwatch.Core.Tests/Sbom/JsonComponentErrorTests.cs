using Depwatch.Core.Sbom;
using Depwatch.Testing.Sboms;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class JsonComponentErrorTests
{
    private const string Header = """ "bomFormat": "CycloneDX", "specVersion": "1.6" """;

    [Fact]
    public Task Rejects_a_component_without_name() => AssertFailsAsync(
        $$"""{ {{Header}}, "components": [ { "type": "library", "name": "a" }, { "type": "library", "version": "1" } ] }""",
        "component has no name", "$.components[1]");

    [Fact]
    public Task Rejects_a_nested_component_without_name() => AssertFailsAsync(
        $$"""{ {{Header}}, "components": [ { "type": "library", "name": "a", "components": [ { "type": "file" } ] } ] }""",
        "component has no name", "$.components[0].components[0]");

    [Fact]
    public Task Rejects_a_metadata_component_without_name() => AssertFailsAsync(
        $$"""{ {{Header}}, "metadata": { "component": { "type": "application", "name": "" } } }""",
        "component has no name", "$.metadata.component");

    [Fact]
    public Task Rejects_an_unknown_component_type() => AssertFailsAsync(
        $$"""{ {{Header}}, "components": [ { "type": "widget", "name": "a" } ] }""",
        "unknown component type 'widget'", "$.components[0].type");

    [Theory]
    [InlineData("""{ "components": {} }""", "expected an array but found an object", "$.components")]
    [InlineData("""{ "components": [ "a" ] }""", "expected an object but found a string", "$.components[0]")]
    [InlineData("""{ "components": [ { "name": 5 } ] }""", "expected a string but found a number", "$.components[0].name")]
    [InlineData("""{ "components": [ { "name": "a", "purl": true } ] }""", "expected a string but found a boolean", "$.components[0].purl")]
    [InlineData("""{ "components": [ { "name": "a", "properties": {} } ] }""", "expected an array but found an object", "$.components[0].properties")]
    [InlineData("""{ "components": [ { "name": "a", "properties": [ 1 ] } ] }""", "expected an object but found a number", "$.components[0].properties[0]")]
    [InlineData("""{ "components": [ { "name": "a", "properties": [ { "name": "n", "value": [] } ] } ] }""", "expected a string but found an array", "$.components[0].properties[0].value")]
    [InlineData("""{ "metadata": [] }""", "expected an object but found an array", "$.metadata")]
    [InlineData("""{ "metadata": { "tools": "trivy" } }""", "expected an array or an object but found a string", "$.metadata.tools")]
    [InlineData("""{ "metadata": { "tools": { "components": [ { "name": 1 } ] } } }""", "expected a string but found a number", "$.metadata.tools.components[0].name")]
    [InlineData("""{ "dependencies": [ { "ref": "a", "dependsOn": [ 1 ] } ] }""", "expected a string but found a number", "$.dependencies[0].dependsOn[0]")]
    [InlineData("""{ "dependencies": [ { "dependsOn": [] } ] }""", "dependency has no ref", "$.dependencies[0]")]
    public Task Rejects_a_value_of_the_wrong_kind(string body, string problem, string location) =>
        AssertFailsAsync($"{{ {Header}, {body[2..]}", problem, location);

    [Fact]
    public Task Rejects_a_duplicate_bom_ref() => AssertFailsAsync(
        new BomBuilder("1.6").WithComponent("a", "1", bomRef: "same").WithNested("b", "1", bomRef: "same").ToJson(),
        "duplicate bom-ref 'same', first used at $.components[0]", "$.components[0].components[0]");

    [Fact]
    public Task Rejects_a_duplicate_component_member() => AssertFailsAsync(
        $$"""{ {{Header}}, "components": [ { "name": "a", "version": "1", "name": "b" } ] }""",
        "duplicate 'name'", "$.components[0].name");

    [Fact]
    public async Task Rejects_more_components_than_the_limit()
    {
        var document = new BomBuilder("1.6").WithComponent("a").WithNested("b").WithComponent("c").ToJson();

        var failure = await FailureAsync(document, new CycloneDxReaderOptions { MaxComponents = 2 });

        Assert.Equal("the document has more than 2 components, the most Depwatch reads", failure.Problem);
        Assert.Equal("$.components[1]", failure.Location);
    }

    [Fact]
    public async Task Rejects_components_nested_too_deep()
    {
        var nested = string.Concat(Enumerable.Repeat("""{ "name": "n", "components": [ """, 65))
            + string.Concat(Enumerable.Repeat("] }", 65));

        var failure = await FailureAsync($$"""{ {{Header}}, "components": [ {{nested}} ] }""");

        Assert.Equal("components are nested more than 64 levels deep", failure.Problem);
        Assert.Equal("$.components[0]" + string.Concat(Enumerable.Repeat(".components[0]", 64)), failure.Location);
    }
}
