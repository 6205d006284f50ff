using Depwatch.Testing.TrivyServer;

namespace Depwatch.Bench;

/// <summary>
/// SBOM (a): a Trivy-made CycloneDX SBOM of this machine's Debian packages. A scratch root filesystem gets copies of
/// <c>etc/os-release</c>, <c>etc/debian_version</c> and <c>var/lib/dpkg/status</c>, and <c>trivy rootfs</c> describes it.
/// </summary>
internal static class RootfsSbom
{
    private static readonly string[] CopiedFiles = ["etc/os-release", "etc/debian_version", "var/lib/dpkg/status"];

    public static async Task<string> WriteAsync(string sourceRoot, string workDir)
    {
        var rootfs = Path.Combine(workDir, "rootfs");
        foreach (var relative in CopiedFiles)
        {
            var target = Path.Combine(rootfs, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(sourceRoot, relative), target);
        }

        var sbom = Path.Combine(workDir, "debian-rootfs.cdx.json");
        await TrivyCli.RootfsSbomAsync(rootfs, sbom);
        return sbom;
    }
}
