using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Depwatch.Bench;

/// <summary>
/// SBOM (b): a generated CycloneDX 1.5 JSON SBOM of a given size. A fifth of it is Debian 12.5 packages written the
/// way <c>trivy rootfs</c> writes them (purl with <c>distro</c>, <c>aquasecurity:trivy:Src*</c> properties, linked
/// from an operating-system component); the rest is language packages as third-party generators write them (purl,
/// group, hash, license, no Trivy properties), spread over npm (a sixth of them scoped), PyPI, Maven, Go, NuGet and
/// Cargo. A few names and versions hit advisories of testdata/trivy-db, so both tools have findings to report.
/// </summary>
internal static class SyntheticSbom
{
    private const string Distro = "debian-12.5";
    private const string RootRef = "dwbench-root";
    private const string OsRef = "dwbench-os-debian";

    /// <summary>Debian packages that hit testdata/trivy-db/debian.yaml: binary, source, epoch, upstream, release.</summary>
    private static readonly DebPackage[] VulnerableDebs =
    [
        new("libssl3", "openssl", 0, "3.0.11", "1~deb12u2"),
        new("openssl", "openssl", 0, "3.0.11", "1~deb12u2"),
        new("libc6", "glibc", 0, "2.36", "9+deb12u4"),
        new("libc-bin", "glibc", 0, "2.36", "9+deb12u4"),
        new("zlib1g", "zlib", 1, "1.2.13.dfsg", "1"),
        new("libkrb5-3", "krb5", 0, "1.20.1", "2+deb12u1"),
        new("libgssapi-krb5-2", "krb5", 0, "1.20.1", "2+deb12u1"),
        new("curl", "curl", 0, "7.88.1", "10+deb12u5"),
        new("libcurl4", "curl", 0, "7.88.1", "10+deb12u5"),
        new("login", "shadow", 1, "4.13+dfsg1", "1"),
        new("passwd", "shadow", 1, "4.13+dfsg1", "1"),
        new("libsystemd0", "systemd", 0, "252.30", "1~deb12u2"),
    ];

    /// <summary>Language packages that hit testdata/trivy-db advisories: purl type, group (namespace), name, version.</summary>
    private static readonly LanguagePackage[] VulnerableLibraries =
    [
        new("npm", null, "lodash", "4.17.4"),
        new("npm", "@babel", "traverse", "7.22.5"),
        new("npm", null, "express", "4.18.2"),
        new("npm", null, "minimist", "1.2.5"),
        new("pypi", null, "django", "4.2.10"),
        new("pypi", null, "requests", "2.31.0"),
        new("pypi", null, "python-multipart", "0.0.9"),
        new("maven", "com.fasterxml.jackson.core", "jackson-databind", "2.13.3"),
        new("maven", "org.apache.logging.log4j", "log4j-core", "2.14.1"),
        new("maven", "org.yaml", "snakeyaml", "1.33"),
        new("golang", "golang.org/x", "net", "v0.17.0"),
        new("golang", "google.golang.org", "grpc", "v1.56.2"),
        new("golang", "github.com/Masterminds", "goutils", "v1.1.0"),
        new("nuget", null, "Newtonsoft.Json", "12.0.3"),
        new("nuget", null, "System.Text.Encodings.Web", "4.5.0"),
        new("cargo", null, "smallvec", "1.6.0"),
        new("cargo", null, "time", "0.2.22"),
    ];

    /// <summary>How the language packages are shared out, in parts per 80.</summary>
    private static readonly (string Type, int Share)[] LanguageShares =
        [("npm", 30), ("pypi", 15), ("maven", 15), ("golang", 8), ("nuget", 7), ("cargo", 5)];

    /// <summary>Writes the SBOM with <paramref name="components"/> components in all (the OS component included).</summary>
    public static void Write(string path, int components)
    {
        var debCount = (components / 5) - 1;
        var languageCount = components - 1 - debCount;
        var debs = DebPackages(debCount).ToList();
        var libraries = LanguagePackages(languageCount).ToList();

        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.5");
        json.WriteString("serialNumber", "urn:uuid:6b7c3f0e-2d4a-4e8b-9f1c-0a5d7e3b2c19");
        json.WriteNumber("version", 1);
        WriteMetadata(json);
        json.WriteStartArray("components");
        WriteOperatingSystem(json);
        foreach (var deb in debs)
        {
            WriteDeb(json, deb);
        }

        foreach (var library in libraries)
        {
            WriteLibrary(json, library);
        }

        json.WriteEndArray();
        WriteDependencies(json, debs, libraries);
        json.WriteEndObject();
    }

    /// <summary>Writes the largest such SBOM (to within 1 %) that is at most <paramref name="maxBytes"/> long.</summary>
    /// <returns>Its number of components.</returns>
    public static int WriteUpTo(string path, long maxBytes)
    {
        const int Probe = 10_000;
        Write(path, Probe);
        var components = (int)(Probe * maxBytes / new FileInfo(path).Length);
        do
        {
            File.Delete(path);
            Write(path, components);
            components = new FileInfo(path).Length > maxBytes ? components * 99 / 100 : components;
        }
        while (new FileInfo(path).Length > maxBytes);
        return components;
    }

    private static IEnumerable<DebPackage> DebPackages(int count)
    {
        foreach (var deb in VulnerableDebs.Take(count))
        {
            yield return deb;
        }

        for (var index = VulnerableDebs.Length; index < count; index++)
        {
            // Three binaries per source package, as in a real distribution.
            var source = $"dwbench-src{I(index / 3)}";
            yield return new DebPackage($"dwbench-lib{I(index)}", source, index % 17 == 0 ? 1 : 0,
                $"{I(1 + (index / 3 % 9))}.{I(index / 3 % 40)}.{I(index / 3 % 7)}", $"{I(1 + (index / 3 % 4))}+deb12u{I(index / 3 % 3)}");
        }
    }

    private static IEnumerable<LanguagePackage> LanguagePackages(int count)
    {
        var totalShares = LanguageShares.Sum(share => share.Share);
        var written = 0;
        for (var typeIndex = 0; typeIndex < LanguageShares.Length; typeIndex++)
        {
            var (type, share) = LanguageShares[typeIndex];
            var quota = typeIndex == LanguageShares.Length - 1 ? count - written : count * share / totalShares;
            var vulnerable = VulnerableLibraries.Where(library => library.Type == type).Take(quota).ToList();
            foreach (var library in vulnerable)
            {
                yield return library;
            }

            for (var index = vulnerable.Count; index < quota; index++)
            {
                yield return Filler(type, index);
            }

            written += quota;
        }
    }

    private static LanguagePackage Filler(string type, int index)
    {
        var version = $"{I(index % 5)}.{I(index % 23)}.{I(index % 11)}";
        return type switch
        {
            "npm" when index % 6 == 0 => new(type, $"@dwbench-scope{I(index % 20)}", $"pkg-{I(index)}", version),
            "npm" => new(type, null, $"dwbench-npm-{I(index)}", version),
            "pypi" => new(type, null, $"dwbench-py-{I(index)}", version),
            "maven" => new(type, $"org.dwbench.group{I(index % 40)}", $"artifact-{I(index)}", version),
            "golang" => new(type, $"github.com/dwbench{I(index % 30)}", $"module{I(index)}", "v" + version),
            "nuget" => new(type, null, $"DwBench.Package{I(index)}", version),
            _ => new(type, null, $"dwbench-crate-{I(index)}", version),
        };
    }

    private static void WriteMetadata(Utf8JsonWriter json)
    {
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", "2026-11-25T00:00:00Z");
        json.WriteStartObject("component");
        json.WriteString("bom-ref", RootRef);
        json.WriteString("type", "application");
        json.WriteString("name", "dwbench-synthetic");
        json.WriteString("version", "1.0.0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteOperatingSystem(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("bom-ref", OsRef);
        json.WriteString("type", "operating-system");
        json.WriteString("name", "debian");
        json.WriteString("version", "12.5");
        WriteProperties(json, [("aquasecurity:trivy:Class", "os-pkgs"), ("aquasecurity:trivy:Type", "debian")]);
        json.WriteEndObject();
    }

    private static void WriteDeb(Utf8JsonWriter json, DebPackage deb)
    {
        json.WriteStartObject();
        json.WriteString("bom-ref", deb.Purl);
        json.WriteString("type", "library");
        json.WriteString("name", deb.Name);
        json.WriteString("version", deb.Version);
        json.WriteString("purl", deb.Purl);
        List<(string, string)> properties =
        [
            ("aquasecurity:trivy:PkgID", $"{deb.Name}@{(deb.Epoch > 0 ? $"{I(deb.Epoch)}:" : "")}{deb.Version}"),
            ("aquasecurity:trivy:PkgType", "debian"),
        ];
        if (deb.Epoch > 0)
        {
            properties.Add(("aquasecurity:trivy:SrcEpoch", I(deb.Epoch)));
        }

        properties.AddRange([
            ("aquasecurity:trivy:SrcName", deb.Source),
            ("aquasecurity:trivy:SrcRelease", deb.Release),
            ("aquasecurity:trivy:SrcVersion", deb.Upstream),
        ]);
        WriteProperties(json, properties);
        json.WriteEndObject();
    }

    private static void WriteLibrary(Utf8JsonWriter json, LanguagePackage library)
    {
        json.WriteStartObject();
        json.WriteString("bom-ref", library.Purl);
        json.WriteString("type", "library");
        if (library.Group is not null)
        {
            json.WriteString("group", library.Group);
        }

        json.WriteString("name", library.Name);
        json.WriteString("version", library.Version);
        json.WriteStartArray("hashes");
        json.WriteStartObject();
        json.WriteString("alg", "SHA-256");
        json.WriteString("content", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(library.Purl))));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("licenses");
        json.WriteStartObject();
        json.WriteStartObject("license");
        json.WriteString("id", library.Name.Length % 3 == 0 ? "Apache-2.0" : "MIT");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("purl", library.Purl);
        json.WriteEndObject();
    }

    private static void WriteDependencies(Utf8JsonWriter json, List<DebPackage> debs, List<LanguagePackage> libraries)
    {
        json.WriteStartArray("dependencies");
        WriteDependency(json, RootRef, [OsRef, .. libraries.Select(library => library.Purl)]);
        WriteDependency(json, OsRef, debs.Select(deb => deb.Purl));
        json.WriteEndArray();
    }

    private static void WriteDependency(Utf8JsonWriter json, string reference, IEnumerable<string> dependsOn)
    {
        json.WriteStartObject();
        json.WriteString("ref", reference);
        json.WriteStartArray("dependsOn");
        foreach (var dependency in dependsOn)
        {
            json.WriteStringValue(dependency);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter json, IEnumerable<(string Name, string Value)> properties)
    {
        json.WriteStartArray("properties");
        foreach (var (name, value) in properties)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record DebPackage(string Name, string Source, int Epoch, string Upstream, string Release)
    {
        public string Version => $"{Upstream}-{Release}";

        public string Purl => $"pkg:deb/debian/{Name}@{Version}?arch=amd64{(Epoch > 0 ? $"&epoch={I(Epoch)}" : "")}&distro={Distro}";
    }

    private sealed record LanguagePackage(string Type, string? Group, string Name, string Version)
    {
        public string Purl => Group is null
            ? $"pkg:{Type}/{Name}@{Version}"
            : $"pkg:{Type}/{Uri.EscapeDataString(Group).Replace("%2F", "/", StringComparison.Ordinal)}/{Name}@{Version}";
    }
}
