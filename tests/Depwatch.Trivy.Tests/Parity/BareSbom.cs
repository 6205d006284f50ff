using System.Text.Json.Nodes;

namespace Depwatch.Trivy.Tests.Parity;

/// <summary>
/// Rewrites a Trivy-made SBOM as the many generators that name binary packages only do: no Trivy properties, no
/// <c>upstream</c> qualifier, the epoch inside the version, e.g.
/// <c>pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&amp;distro=debian-12</c>. Bom-refs and the
/// operating-system component stay, so findings can be compared component by component.
/// </summary>
internal static class BareSbom
{
    public static JsonNode Of(JsonNode trivyBom, string distroQualifier)
    {
        var bom = trivyBom.DeepClone();
        bom["metadata"]!.AsObject().Remove("tools");
        foreach (var component in bom["components"]!.AsArray().OfType<JsonObject>())
        {
            component.Remove("properties");
            if (component["purl"]?.GetValue<string>() is { } purl && (purl.StartsWith("pkg:deb/", StringComparison.Ordinal) || purl.StartsWith("pkg:apk/", StringComparison.Ordinal)))
            {
                component["purl"] = BarePurl(purl, distroQualifier);
            }
        }
        bom.AsObject().Remove("dependencies");
        return bom;
    }

    private static string BarePurl(string purl, string distroQualifier)
    {
        var query = purl.IndexOf('?');
        var qualifiers = purl[(query + 1)..].Split('&').Select(q => q.Split('=', 2)).ToDictionary(q => q[0], q => q[1]);
        var at = purl.IndexOf('@');
        var version = purl[(at + 1)..query];
        if (qualifiers.TryGetValue("epoch", out var epoch))
        {
            version = $"{epoch}%3A{version}";
        }
        var arch = qualifiers.TryGetValue("arch", out var a) ? $"arch={a}&" : "";
        return $"{purl[..(at + 1)]}{version}?{arch}distro={distroQualifier}";
    }
}
