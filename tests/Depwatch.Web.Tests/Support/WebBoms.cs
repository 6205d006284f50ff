using Depwatch.Testing.Sboms;

namespace Depwatch.Web.Tests.Support;

/// <summary>SBOMs whose findings the fixture advisory DB (testdata/trivy-db) decides.</summary>
public static class WebBoms
{
    /// <summary>
    /// libssl3: CVE-2024-90001 (medium, fixed) and CVE-2024-90002 (no fix); lodash 4.17.4: CVE-2025-90101 (high, CVSS 7.5)
    /// and GHSA-r4q8-vxc6-wjf5 (critical, 9.8); left-pad has none.
    /// </summary>
    public static string Shop() => new BomBuilder("1.6")
        .WithMetadataComponent("shop", "1.0.0")
        .WithOperatingSystem("debian", "12.5")
        .WithComponent("libssl3", "3.0.11-1~deb12u2", purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12.5&upstream=openssl")
        .WithComponent("lodash", "4.17.4", purl: "pkg:npm/lodash@4.17.4")
        .WithComponent("left-pad", "1.3.0", purl: "pkg:npm/left-pad@1.3.0")
        .ToJson();

    /// <summary>left-pad alone, which no advisory names.</summary>
    public static string WithoutFindings() => new BomBuilder("1.6")
        .WithComponent("left-pad", "1.3.0", purl: "pkg:npm/left-pad@1.3.0")
        .ToJson();

    /// <summary>Writes the SBOM to a file the browser can pick; deleted with the returned handle.</summary>
    public static TemporaryFile ToFile(string content, string name = "bom.json") => new(content, name);
}

public sealed class TemporaryFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("depwatch-bom-").FullName;

    public TemporaryFile(string content, string name)
    {
        Path = System.IO.Path.Combine(_directory, name);
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
