using Depwatch.Core.Sbom;
using Depwatch.Testing.Sboms;

namespace Depwatch.Core.Tests.Sbom;

/// <summary>A correctness and boundedness check on a big document, not a timing test.</summary>
public sealed class LargeBomTests
{
    private const int ComponentCount = 50_000;

    [Fact]
    public async Task Reads_50000_components_holding_memory_for_the_model_only()
    {
        var path = BomBuilder.LargeBom(ComponentCount);
        try
        {
            var fileSize = new FileInfo(path).Length;
            Assert.True(fileSize > 500L * DocumentPrefix.BufferSize, $"the file has only {fileSize} bytes");

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var (bom, largestRead) = await ReadAsync(path);
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;

            Assert.Equal(ComponentCount, bom.Components.Count);
            Assert.True(held < 150L * 1024 * 1024, $"reading held {held} bytes");
            // The reader never offered the stream more than its initial buffer: nothing was buffered whole.
            Assert.True(largestRead <= DocumentPrefix.BufferSize, $"a read asked for {largestRead} bytes");
            AssertLastComponent(bom);
            GC.KeepAlive(bom);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(Bom Bom, int LargestRead)> ReadAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var recording = new ReadRecordingStream(file);
        return (await CycloneDxReader.ReadAsync(recording), recording.LargestReadRequest);
    }

    private static void AssertLastComponent(Bom bom)
    {
        var last = bom.Components[^1];
        Assert.Equal(ComponentCount.ToString(System.Globalization.CultureInfo.InvariantCulture), last.Key);
        Assert.Equal("package-49999", last.Name);
        Assert.Equal($"$.components[{ComponentCount - 1}]", last.Location);
        Assert.Equal("npm", last.Purl!.Type);
        Assert.Equal("node_modules/package-49999/package.json", last.Property("aquasecurity:trivy:FilePath"));
        Assert.Equal(ComponentCount / 100, bom.Dependencies.Count);
    }
}
