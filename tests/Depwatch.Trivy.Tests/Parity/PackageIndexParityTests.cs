using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Core.Analysis;
using Depwatch.Core.PackageIndexes;
using Depwatch.Core.Sbom;
using Depwatch.Testing.PackageIndexes;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Trivy.Tests.Parity;

/// <summary>
/// An SBOM that lists binary packages without their source finds, with the distribution's package index at hand,
/// what the full SBOM of the same system finds, and nothing more; without the index it says what it could not resolve.
/// </summary>
[Collection(TrivyCollection.Name)]
public sealed class PackageIndexParityTests(TrivyServerFixture trivy) : IDisposable
{
    private readonly TemporaryDirectory _work = new("depwatch-index-parity-");

    public static TheoryData<string, string, string> Systems => new()
    {
        { "debian12", "debian-12", "debian-12" },
        { "ubuntu2204", "ubuntu-22.04", "ubuntu-22.04" },
        { "alpine319", "alpine-3.19.1", "alpine-3.19" },
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task A_bare_sbom_with_its_releases_index_finds_what_the_full_sbom_finds(string rootfs, string distro, string release)
    {
        var full = await TrivyMadeSbomAsync(rootfs);
        var (expected, _) = await AnalyzeAsync(full, indexes: null);

        var (actual, result) = await AnalyzeAsync(BareSbom.Of(full, distro), IndexesOf(rootfs));

        Assert.NotEmpty(expected);
        AssertSameFindings(expected, actual);
        var resolution = Assert.Single(result.SourceResolutions);
        Assert.Equal((release, 0, true), (resolution.Release.ToString(), resolution.Unresolved, resolution.IndexAvailable));
        Assert.Equal(result.AnalyzedComponents, resolution.ResolvedByIndex);
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task Without_the_index_a_bare_sbom_finds_less_and_counts_the_packages_it_could_not_resolve(string rootfs, string distro, string release)
    {
        var full = await TrivyMadeSbomAsync(rootfs);
        var (expected, _) = await AnalyzeAsync(full, indexes: null);

        var (actual, result) = await AnalyzeAsync(BareSbom.Of(full, distro), indexes: null);

        Assert.True(actual.IsProperSubsetOf(expected), $"without an index: {actual.Count} of {expected.Count} findings");
        var resolution = Assert.Single(result.SourceResolutions);
        Assert.Equal((release, false, 0), (resolution.Release.ToString(), resolution.IndexAvailable, resolution.ResolvedByIndex));
        Assert.Equal(result.AnalyzedComponents, resolution.Unresolved);
    }

    [Fact]
    public async Task An_index_of_another_release_is_not_used()
    {
        var full = await TrivyMadeSbomAsync("debian12");

        var (_, result) = await AnalyzeAsync(BareSbom.Of(full, "debian-11"), IndexesOf("debian12"));

        var resolution = Assert.Single(result.SourceResolutions);
        Assert.Equal(("debian-11", false), (resolution.Release.ToString(), resolution.IndexAvailable));
    }

    private async Task<JsonNode> TrivyMadeSbomAsync(string rootfs)
    {
        var file = Path.Combine(_work.Path, $"{rootfs}.cdx.json");
        await trivy.TrivyRootfsSbomAsync(RepositoryRoot.PathOf("testdata", "rootfs", rootfs), file);
        var bom = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        // Only the OS packages are at stake; the language packages of the fixtures find the same either way.
        var components = bom["components"]!.AsArray();
        foreach (var library in components.OfType<JsonObject>().Where(c => c["purl"]?.GetValue<string>() is { } p && !p.StartsWith("pkg:deb/") && !p.StartsWith("pkg:apk/")).ToList())
        {
            components.Remove(library);
        }
        return bom;
    }

    private async Task<(HashSet<ParityFinding> Findings, AnalysisResult Result)> AnalyzeAsync(JsonNode bomJson, IPackageIndexes? indexes)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(bomJson.ToJsonString()));
        var bom = await CycloneDxReader.ReadAsync(stream);
        using var http = TrivyAnalyzer.CreateHttpClient();
        var analyzer = new TrivyAnalyzer(new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token }, http);
        var result = await analyzer.AnalyzeAsync(new AnalysisRequest(bom.Components) { PackageIndexes = indexes });
        return ([.. result.Findings.Select(ParityFinding.From)], result);
    }

    private static PackageIndexSet IndexesOf(string rootfs) => new([PackageIndexFixtures.Load(PackageIndexFixtures.ForRootfs[rootfs])]);

    private static void AssertSameFindings(IReadOnlySet<ParityFinding> expected, IReadOnlySet<ParityFinding> actual)
    {
        var missing = expected.Except(actual).Select(f => f.ToString()).Order().ToList();
        var extra = actual.Except(expected).Select(f => f.ToString()).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"With the index, Depwatch missed:\n  {string.Join("\n  ", missing)}\nand added:\n  {string.Join("\n  ", extra)}");
    }

    public void Dispose() => _work.Dispose();
}
