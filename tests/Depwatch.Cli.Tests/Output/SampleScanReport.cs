using Depwatch.Cli.Output;
using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.Findings;
using Depwatch.Core.Triage;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Tests.Output;

/// <summary>
/// A scan of a small application image, built by hand: one finding of every severity but INFO, a GHSA found
/// in two copies of one package, a Debian TEMP- name, fixed and unfixed findings, and skipped components.
/// Listed out of order on purpose: every writer must sort.
/// </summary>
internal static class SampleScanReport
{
    public const string Source = "sbom/app.cdx.json";

    private static readonly Component s_log4j = new()
    {
        Key = "c1", BomRef = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", Group = "org.apache.logging.log4j",
        Name = "log4j-core", Version = "2.14.1", PurlText = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
    };

    private static readonly Component s_lodashInWeb = Lodash("c3", "web/lodash@4.17.20");
    private static readonly Component s_lodashInAdmin = Lodash("c2", "admin/lodash@4.17.20");

    private static readonly Component s_libssl = new()
    {
        Key = "c4", BomRef = "libssl3", Name = "libssl3", Version = "3.0.11-1~deb12u2",
        PurlText = "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12",
    };

    private static readonly Component s_bash = new()
    {
        Key = "c5", BomRef = "bash", Name = "bash", Version = "5.2.15-2+b2",
        PurlText = "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12",
    };

    private static readonly Component s_xnet = new()
    {
        Key = "c6", BomRef = "golang.org/x/net", Name = "golang.org/x/net", Version = "v0.17.0",
        PurlText = "pkg:golang/golang.org/x/net@v0.17.0",
    };

    public static ScanReport Create() => new(Source, Components: 9, Analyzed: 6, Findings(), Skipped());

    /// <summary>
    /// The same scan given a VEX, with <c>--show-suppressed</c>: log4j not affected (with a justification, a response
    /// and details), the Debian TEMP- name resolved.
    /// </summary>
    public static ScanReport WithSuppressedShown()
    {
        var findings = Findings();
        var suppressed = new[]
        {
            (Component: s_log4j, Decision: new FindingAnalysis(AnalysisState.NotAffected, AnalysisJustification.CodeNotReachable,
                AnalysisResponse.WillNotFix, "JNDI lookups are disabled", IsSuppressed: true)),
            (Component: s_bash, Decision: new FindingAnalysis(AnalysisState.Resolved, AnalysisJustification.NotSet, AnalysisResponse.NotSet, null, IsSuppressed: true)),
        };
        return Create() with
        {
            Findings = [.. findings.Where(f => suppressed.All(s => s.Component != f.Component))],
            Suppressed = [.. suppressed.Select(s => findings.Single(f => f.Component == s.Component) with { Analysis = s.Decision })],
            ShowSuppressed = true,
        };
    }

    public static ScanReport Empty() => new(Source, Components: 3, Analyzed: 3, [], []);

    private static List<Finding> Findings() =>
    [
        Trivy(s_bash, Vulnerabilities.DebianTemporaryName, fixedVersion: null, FindingStatus.Affected),
        Trivy(s_lodashInWeb, Vulnerabilities.LodashCommandInjection, "4.17.21", FindingStatus.Fixed),
        Trivy(s_xnet, Vulnerabilities.HttpContinuationFlood, "0.23.0", FindingStatus.Fixed),
        Trivy(s_log4j, Vulnerabilities.Log4Shell, "2.15.0, 2.12.2", FindingStatus.Fixed),
        Trivy(s_libssl, Vulnerabilities.OpenSslSlowKeyCheck, fixedVersion: null, FindingStatus.WillNotFix),
        Trivy(s_lodashInAdmin, Vulnerabilities.LodashCommandInjection, "4.17.21", FindingStatus.Fixed),
    ];

    private static List<SkippedComponent> Skipped() =>
    [
        new(new Component { Key = "c7", Name = "internal-tool", Version = "1.0" }, "has no purl"),
        new(new Component { Key = "c8", Name = "vendored", PurlText = "pkg:npm/vendored@", PurlError = "purl 'pkg:npm/vendored@' is invalid: empty version" },
            "purl 'pkg:npm/vendored@' is invalid: empty version"),
        new(new Component { Key = "c9", Name = "debian", Type = ComponentType.OperatingSystem },
            "describes the operating system; its packages are analysed instead"),
    ];

    private static Finding Trivy(Component component, Vulnerability vulnerability, string? fixedVersion, FindingStatus status) =>
        new(component, vulnerability, fixedVersion, status, component.Version, "TRIVY_ANALYZER");

    private static Component Lodash(string key, string bomRef) => new()
    {
        Key = key, BomRef = bomRef, Name = "lodash", Version = "4.17.20", PurlText = "pkg:npm/lodash@4.17.20",
    };
}
