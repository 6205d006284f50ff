using System.Text.Json.Nodes;

namespace Depwatch.Trivy.Tests.Parity;

/// <summary>
/// Rewrites a Trivy-made SBOM the way other generators describe the same software, keeping bom-refs,
/// so findings on both can be compared component by component.
/// </summary>
internal static class SbomRestyler
{
    private const string TrivyPrefix = "aquasecurity:trivy:";

    /// <summary>
    /// Syft's way: no Trivy properties; the source package in the purl's <c>upstream</c> qualifier, the
    /// distribution as <c>&lt;os-release ID&gt;-&lt;VERSION_ID&gt;</c> in <c>distro</c>, epochs inside the version.
    /// </summary>
    public static JsonNode SyftStyle(JsonNode trivyBom, string distroQualifier, string? osVersion) =>
        Restyle(trivyBom, component => SyftPurl(component, distroQualifier), osVersion);

    /// <summary>A generator that writes bare purls and no operating-system component at all.</summary>
    public static JsonNode PurlsOnly(JsonNode trivyBom, string distroQualifier) =>
        Restyle(trivyBom, component => SyftPurl(component, distroQualifier), osVersion: null, dropOs: true);

    /// <summary>
    /// Each component's bom-ref under the IDs Trivy's report may give its package: the PkgID property, and
    /// <c>name@version</c> for SBOMs without that property.
    /// </summary>
    public static Dictionary<string, string> BomRefByPkgId(JsonNode trivyBom)
    {
        var index = new Dictionary<string, string>();
        foreach (var component in Components(trivyBom).Where(c => c["bom-ref"] is not null))
        {
            var bomRef = component["bom-ref"]!.GetValue<string>();
            index.TryAdd(ReportName(component), bomRef);
            if (Property(component, "PkgID") is { } pkgId)
            {
                index[pkgId] = bomRef;
            }
        }
        return index;
    }

    public static string ReportName(JsonObject component)
    {
        var group = component["group"]?.GetValue<string>();
        var name = component["name"]!.GetValue<string>();
        return $"{(string.IsNullOrEmpty(group) ? name : group + "/" + name)}@{component["version"]?.GetValue<string>()}";
    }

    private static JsonNode Restyle(JsonNode trivyBom, Func<JsonObject, string?> purl, string? osVersion, bool dropOs = false)
    {
        var bom = trivyBom.DeepClone();
        bom["metadata"]!.AsObject().Remove("tools");
        var components = bom["components"]!.AsArray();
        foreach (var component in Components(bom).ToList())
        {
            if (component["type"]!.GetValue<string>() == "operating-system")
            {
                if (dropOs)
                {
                    components.Remove(component);
                    continue;
                }
                if (osVersion is not null)
                {
                    component["version"] = osVersion;
                }
            }
            else if (component["purl"] is not null)
            {
                component["purl"] = purl(component);
            }
            component.Remove("properties");
        }
        bom.AsObject().Remove("dependencies");
        return bom;
    }

    private static string SyftPurl(JsonObject component, string distroQualifier)
    {
        var purl = component["purl"]!.GetValue<string>();
        var type = purl[4..purl.IndexOf('/')];
        if (type is not ("deb" or "apk" or "rpm"))
        {
            return purl;
        }
        var baseUrl = purl[..purl.IndexOf('?')];
        var name = baseUrl[(baseUrl.LastIndexOf('/') + 1)..baseUrl.IndexOf('@')];
        var qualifiers = Qualifiers(purl);
        var version = baseUrl[(baseUrl.IndexOf('@') + 1)..];
        if (qualifiers.Remove("epoch", out var epoch))
        {
            version = $"{epoch}%3A{version}";
        }
        var source = Property(component, "SrcName") ?? name;
        var sourceVersion = SourceVersion(component);
        var upstream = Uri.EscapeDataString(sourceVersion is null ? source : $"{source}@{sourceVersion}");
        var arch = qualifiers.TryGetValue("arch", out var a) ? $"arch={a}&" : "";
        return $"{baseUrl[..(baseUrl.IndexOf('@') + 1)]}{version}?{arch}upstream={upstream}&distro={distroQualifier}";
    }

    // Syft names the source version only where it differs from the binary's.
    private static string? SourceVersion(JsonObject component)
    {
        var version = Property(component, "SrcVersion");
        var release = Property(component, "SrcRelease");
        var epoch = Property(component, "SrcEpoch");
        if (version is null)
        {
            return null;
        }
        var full = (epoch is null ? "" : epoch + ":") + version + (string.IsNullOrEmpty(release) ? "" : "-" + release);
        var binary = component["version"]?.GetValue<string>();
        return full == binary ? null : full;
    }

    private static Dictionary<string, string> Qualifiers(string purl) =>
        purl[(purl.IndexOf('?') + 1)..].Split('&').Select(q => q.Split('=', 2)).ToDictionary(q => q[0], q => q[1]);

    private static IEnumerable<JsonObject> Components(JsonNode bom) =>
        bom["components"]!.AsArray().OfType<JsonObject>();

    private static string? Property(JsonObject component, string name) =>
        component["properties"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == TrivyPrefix + name)?["value"]?.GetValue<string>();
}
