using System.Text;
using Depwatch.Core.Sbom;

namespace Depwatch.Core.Tests.Sbom;

/// <summary>Reads test documents given as text, bytes or spec files.</summary>
internal static class SbomReading
{
    public static Task<Bom> ReadAsync(string document, CycloneDxReaderOptions? options = null) =>
        ReadAsync(Encoding.UTF8.GetBytes(document), options);

    public static Task<Bom> ReadAsync(byte[] document, CycloneDxReaderOptions? options = null) =>
        CycloneDxReader.ReadAsync(new MemoryStream(document), options ?? CycloneDxReaderOptions.Default);

    public static Task<BomFormatException> FailureAsync(string document, CycloneDxReaderOptions? options = null) =>
        Assert.ThrowsAsync<BomFormatException>(() => ReadAsync(document, options));

    public static Task<BomFormatException> FailureAsync(byte[] document) =>
        Assert.ThrowsAsync<BomFormatException>(() => ReadAsync(document));

    public static async Task AssertFailsAsync(string document, string problem, string location)
    {
        var failure = await FailureAsync(document);
        Assert.Equal(problem, failure.Problem);
        Assert.Equal(location, failure.Location);
    }

    public static string SpecFilePath(string version, string extension) =>
        Path.Combine(RepositoryRoot(), "testdata", "boms", "spec", $"bom-{version}.{extension}");

    public static async Task<Bom> ReadSpecFileAsync(string version, string extension)
    {
        await using var file = File.OpenRead(SpecFilePath(version, extension));
        return await CycloneDxReader.ReadAsync(file);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Depwatch.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Depwatch.slnx not found above the test binaries.");
    }
}
