namespace Depwatch.Trivy.Planning;

/// <summary>
/// Trivy's OS family names, and the names SBOM generators use for the same distributions
/// (os-release IDs, purl namespaces, display names).
/// </summary>
internal static class OsFamilies
{
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["debian"] = "debian", ["debian gnu/linux"] = "debian",
        ["ubuntu"] = "ubuntu",
        ["alpine"] = "alpine", ["alpine linux"] = "alpine",
        ["wolfi"] = "wolfi", ["chainguard"] = "chainguard", ["minimos"] = "minimos",
        ["redhat"] = "redhat", ["rhel"] = "redhat", ["red hat enterprise linux"] = "redhat",
        ["centos"] = "centos", ["rocky"] = "rocky", ["rocky linux"] = "rocky",
        ["alma"] = "alma", ["almalinux"] = "alma",
        ["amazon"] = "amazon", ["amzn"] = "amazon", ["amazon linux"] = "amazon",
        ["oracle"] = "oracle", ["ol"] = "oracle", ["oraclelinux"] = "oracle", ["oracle linux server"] = "oracle",
        ["sles"] = "sles", ["suse"] = "sles", ["suse linux enterprise server"] = "sles",
        ["slem"] = "slem", ["sle-micro"] = "slem", ["sl-micro"] = "slem", ["sle-micro-rancher"] = "slem",
        ["suse linux enterprise micro"] = "slem",
        ["opensuse-leap"] = "opensuse-leap", ["opensuse.leap"] = "opensuse-leap", ["opensuse"] = "opensuse-leap",
        ["opensuse-tumbleweed"] = "opensuse-tumbleweed", ["opensuse.tumbleweed"] = "opensuse-tumbleweed",
        ["photon"] = "photon", ["vmware photon os"] = "photon",
        ["azurelinux"] = "azurelinux", ["cbl-mariner"] = "cbl-mariner", ["mariner"] = "cbl-mariner",
        ["echo"] = "echo", ["bottlerocket"] = "bottlerocket", ["fedora"] = "fedora",
    };

    /// <summary>Trivy's family for a distribution name, or null when Trivy knows no such family.</summary>
    public static string? Normalize(string? name) =>
        name is not null && s_aliases.TryGetValue(name.Trim(), out var family) ? family : null;

    /// <summary>
    /// The version in a purl <c>distro</c> qualifier: Trivy writes <c>debian-12.5</c> (or a bare <c>3.19.1</c>
    /// for apk), Syft writes <c>&lt;os-release ID&gt;-&lt;VERSION_ID&gt;</c>.
    /// </summary>
    public static string? VersionFromDistroQualifier(string? distro)
    {
        if (string.IsNullOrWhiteSpace(distro))
        {
            return null;
        }
        if (char.IsAsciiDigit(distro[0]))
        {
            return distro;
        }
        var dash = distro.LastIndexOf('-');
        while (dash > 0)
        {
            if (Normalize(distro[..dash]) is not null && dash + 1 < distro.Length)
            {
                return distro[(dash + 1)..];
            }
            dash = distro.LastIndexOf('-', dash - 1);
        }
        return null;
    }

    /// <summary>The family named by a purl <c>distro</c> qualifier's prefix, e.g. <c>rhel</c> in <c>rhel-9.3</c>.</summary>
    public static string? FamilyFromDistroQualifier(string? distro)
    {
        var version = VersionFromDistroQualifier(distro);
        return version is null || version.Length == distro!.Length ? null : Normalize(distro[..^(version.Length + 1)]);
    }
}
