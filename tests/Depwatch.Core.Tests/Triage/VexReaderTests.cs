using System.Text;
using Depwatch.Core.Triage;
using Depwatch.Core.Triage.Vex;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Core.Tests.Triage;

/// <summary>The VEX readers: the same decisions from CycloneDX JSON and XML, OpenVEX in both its forms, and refusals that say where.</summary>
public sealed class VexReaderTests
{
    [Theory]
    [InlineData("spec-example.vex.json")]
    [InlineData("spec-example.vex.xml")]
    public void CycloneDX_JSON_and_XML_read_as_the_same_statements(string file)
    {
        var vex = VexReader.Read(File.ReadAllBytes(RepositoryRoot.PathOf("testdata", "vex", file)), VexFormat.CycloneDx);

        Assert.Equal(("urn:uuid:81b1cb4a-7a3c-4c8f-9c3e-2d1b0f6a7e55", 1), (vex.SerialNumber, vex.Version));
        Assert.Equal(["CVE-2025-90301", "CVE-2025-90302", "CVE-2099-0001"], vex.Statements.Select(s => s.VulnerabilityId));
        var jackson = vex.Statements[0];
        // Dependency-Track keeps the last response.
        Assert.Equal(new FindingAnalysis(AnalysisState.NotAffected, AnalysisJustification.CodeNotReachable, AnalysisResponse.Update,
            "Automated dataflow analysis and manual code review indicate that the vulnerable code is not reachable.", IsSuppressed: true), jackson.Analysis);
        Assert.Equal(["GHSA-m3c6-4v8x-w9h2"], jackson.Aliases);
        Assert.Equal("NVD", jackson.Source);
        var log4j = Assert.Single(vex.Statements[1].Products);
        Assert.Equal(("log4j", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "log4j-core", "2.14.1"), (log4j.Ref, log4j.Purl, log4j.Name, log4j.Version));
        Assert.False(vex.Statements[1].Suppresses);
        Assert.True(Assert.Single(vex.Statements[2].Products).IsDocumentSubject);
    }

    [Fact]
    public void OpenVEX_in_its_first_form_carries_products_subcomponents_and_timestamps()
    {
        var vex = Read("""
            {"@context":"https://openvex.dev/ns","@id":"https://example.com/vex/1","timestamp":"2026-01-02T03:04:05Z","statements":[
              {"vulnerability":"CVE-1","products":["pkg:npm/app@1.0.0"],"subcomponents":["pkg:npm/lib"],"status":"fixed"},
              {"vulnerability":"CVE-2","timestamp":"2026-02-01T00:00:00Z","products":["pkg:npm/app"],"status":"under_investigation"}]}
            """, VexFormat.OpenVex);

        Assert.Equal(VexFormat.OpenVex, vex.Format);
        Assert.Equal("OpenVEX https://example.com/vex/1", vex.Describe("upload"));
        var (fixedOne, investigated) = (vex.Statements[0], vex.Statements[1]);
        Assert.Equal((AnalysisState.Resolved, true), (fixedOne.Analysis!.State, fixedOne.Suppresses));
        Assert.Equal("pkg:npm/lib", Assert.Single(Assert.Single(fixedOne.Products).Subcomponents).Purl);
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), fixedOne.Timestamp);
        Assert.Equal((AnalysisState.InTriage, false), (investigated.Analysis!.State, investigated.Suppresses));
    }

    [Theory]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"id":"X","analysis":{"state":"not_affected","justification":"because"}}]}""",
        "unknown justification 'because'", "$.vulnerabilities[0].analysis.justification")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"id":"X","analysis":{"response":["ignore"]}}]}""",
        "unknown response 'ignore'", "$.vulnerabilities[0].analysis.response")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"analysis":{}}]}""", "id is missing", "$.vulnerabilities[0].id")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"2.0"}""", "unsupported CycloneDX specVersion '2.0'", "$.specVersion")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":{}}""", "expected an array for vulnerabilities", "$.vulnerabilities")]
    [InlineData("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><vulnerabilities><vulnerability><id>X</id><analysis><state>gone</state></analysis></vulnerability></vulnerabilities></bom>",
        "unknown analysis state 'gone'", "line 1")]
    [InlineData("<spdx/>", "not a CycloneDX document", "line 1")]
    public void A_bad_document_is_refused_naming_the_problem_and_where(string document, string problem, string location)
    {
        var error = Assert.Throws<VexFormatException>(() => Read(document, VexFormat.CycloneDx));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith(location, error.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn:cdx:3E671687-395B-41F5-A30F-A58921A69B79/2#pkg%3Anpm%2Flodash%404.17.4", "3e671687-395b-41f5-a30f-a58921a69b79", 2, "pkg:npm/lodash@4.17.4")]
    [InlineData("urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:maven/a/b@1?type=jar", "3e671687-395b-41f5-a30f-a58921a69b79", 1, "pkg:maven/a/b@1?type=jar")]
    [InlineData("urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1", "3e671687-395b-41f5-a30f-a58921a69b79", 1, null)]
    public void BOM_Links_give_the_serial_number_version_and_bom_ref(string link, string serial, int version, string? bomRef)
    {
        Assert.True(BomLinks.TryParse(link, out var readSerial, out var readVersion, out var readRef));
        Assert.Equal((serial, version, bomRef), (readSerial, readVersion, readRef));
    }

    [Theory]
    [InlineData("pkg:npm/lodash")]
    [InlineData("urn:cdx:not-a-uuid/1#x")]
    [InlineData("urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79#x")]
    public void Other_refs_are_not_BOM_Links(string reference) => Assert.False(BomLinks.TryParse(reference, out _, out _, out _));

    [Theory]
    [InlineData("pkg:maven/a/b@1.0", "pkg:maven/a/b@1.0?type=jar", true)]
    [InlineData("pkg:maven/a/b", "pkg:maven/a/b@1.0?type=jar", true)]
    [InlineData("pkg:maven/a/b@1.0?type=jar", "pkg:maven/a/b@1.0", false)]
    [InlineData("pkg:maven/a/b@1.1", "pkg:maven/a/b@1.0", false)]
    [InlineData("pkg:maven/a/c@1.0", "pkg:maven/a/b@1.0", false)]
    [InlineData("pkg:npm/b@1.0", "pkg:maven/a/b@1.0", false)]
    public void A_statement_purl_names_the_same_or_a_more_specific_purl(string statement, string component, bool matches) =>
        Assert.Equal(matches, VexPurls.Matches(statement, component));

    private static VexStatements Read(string document, params VexFormat[] formats) => VexReader.Read(Encoding.UTF8.GetBytes(document), formats);
}
