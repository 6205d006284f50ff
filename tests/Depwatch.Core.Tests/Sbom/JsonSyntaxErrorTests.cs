using System.Text;
using Depwatch.Testing.Sboms;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class JsonSyntaxErrorTests
{
    [Fact]
    public async Task Locates_malformed_json_by_path_line_and_byte()
    {
        var builder = new BomBuilder("1.6");
        for (var index = 0; index < 13; index++)
        {
            builder.WithComponent($"c{index}", "1.0.0", $"pkg:npm/c{index}@1.0.0");
        }
        var document = builder.ToJson().Replace("\"pkg:npm/c12@1.0.0\"", "pkg:npm/c12@1.0.0", StringComparison.Ordinal);
        var lines = document.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("pkg:npm/c12", StringComparison.Ordinal));
        var column = lines[line].IndexOf("pkg:npm/c12", StringComparison.Ordinal);

        var failure = await FailureAsync(document);

        Assert.Equal("malformed JSON: 'p' is an invalid start of a value.", failure.Problem);
        Assert.Equal($"$.components[12].purl, line {line + 1}, byte {column + 1}", failure.Location);
        Assert.IsType<System.Text.Json.JsonException>(failure.InnerException, exactMatch: false);
    }

    [Fact]
    public Task Rejects_a_document_cut_inside_a_string() => AssertFailsAsync(
        """{ "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [ { "name": "openss""",
        "malformed JSON: Expected end of string, but instead reached end of data.",
        "$.components[0].name, line 1, byte 84");

    [Fact]
    public async Task Rejects_a_document_cut_between_tokens()
    {
        var failure = await FailureAsync("""{ "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [ """);

        Assert.StartsWith("malformed JSON: ", failure.Problem);
        Assert.StartsWith("$.components[0]", failure.Location);
    }

    [Fact]
    public async Task Rejects_a_spec_document_cut_anywhere_without_other_exceptions()
    {
        var content = await File.ReadAllBytesAsync(SpecFilePath("1.5", "json"));
        for (var length = 0; length < content.Length - 2; length += 97)
        {
            var failure = await FailureAsync(content[..length]);

            Assert.False(string.IsNullOrEmpty(failure.Location));
        }
    }

    [Fact]
    public Task Rejects_content_after_the_root_object() => AssertFailsAsync(
        """{ "bomFormat": "CycloneDX", "specVersion": "1.6" } x""",
        "malformed JSON: 'x' is invalid after a single JSON value. Expected end of data.", "$, line 1, byte 52");

    [Fact]
    public Task Rejects_a_comment() => AssertFailsAsync(
        "{ \"bomFormat\": \"CycloneDX\",\n  // generated\n  \"specVersion\": \"1.6\" }",
        "malformed JSON: '/' is an invalid start of a property name. Expected a '\"'.",
        "$, line 2, byte 3");

    [Fact]
    public async Task Rejects_a_string_that_is_not_utf8()
    {
        var document = Encoding.UTF8.GetBytes("""{ "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [ { "name": "a#" } ] }""");
        document[Array.IndexOf(document, (byte)'#')] = 0xFF;

        var failure = await FailureAsync(document);

        Assert.Equal("malformed JSON: a string is not valid UTF-8", failure.Problem);
        Assert.Equal("$.components[0].name", failure.Location);
    }
}
