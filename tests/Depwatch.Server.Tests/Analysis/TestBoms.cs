using Depwatch.Testing.Sboms;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>SBOMs whose findings the fixture DB (testdata/trivy-db) decides.</summary>
public static class TestBoms
{
    /// <summary>libssl3 (CVE-2024-90001 fixed, CVE-2024-90002 deferred), lodash 4.17.4 (CVE-2025-90101, GHSA-r4q8-vxc6-wjf5), a clean package.</summary>
    public static string DebianAndNpm() => new BomBuilder("1.6")
        .WithMetadataComponent("shop", "1.0.0")
        .WithOperatingSystem("debian", "12.5")
        .WithComponent("libssl3", "3.0.11-1~deb12u2", purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12.5&upstream=openssl")
        .WithComponent("lodash", "4.17.4", purl: "pkg:npm/lodash@4.17.4")
        .WithComponent("left-pad", "1.3.0", purl: "pkg:npm/left-pad@1.3.0")
        .ToJson();

    /// <summary>
    /// lodash whose purl carries no version, as some generators write it: the component keeps its identity (and its
    /// findings' history) when only its version changes.
    /// </summary>
    public static string LodashWithoutPurlVersion(string version) => new BomBuilder("1.6")
        .WithComponent("lodash", version, purl: "pkg:npm/lodash")
        .WithComponent("minimist", "1.2.5", purl: "pkg:npm/minimist@1.2.5")
        .ToJson();

    public static string Npm(params (string Name, string Version)[] packages)
    {
        var bom = new BomBuilder("1.6");
        foreach (var (name, version) in packages)
        {
            bom.WithComponent(name, version, purl: $"pkg:npm/{name}@{version}");
        }
        return bom.ToJson();
    }
}
