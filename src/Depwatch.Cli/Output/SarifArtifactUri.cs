namespace Depwatch.Cli.Output;

/// <summary>The SBOM file as a SARIF artifact URI: relative paths stay relative, so code scanning links them.</summary>
internal static class SarifArtifactUri
{
    public static string For(string sbomPath)
    {
        if (Path.IsPathFullyQualified(sbomPath))
        {
            return new Uri(sbomPath).AbsoluteUri;
        }
        var segments = sbomPath.Replace('\\', '/').Split('/');
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}
