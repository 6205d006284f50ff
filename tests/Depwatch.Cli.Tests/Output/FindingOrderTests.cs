using Depwatch.Cli.Output;
using Depwatch.Core.Findings;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Tests.Output;

public sealed class FindingOrderTests
{
    [Fact]
    public void Sorts_by_severity_then_score_then_id_then_component()
    {
        var sorted = FindingOrder.Sort(SampleScanReport.Create().Findings);

        Assert.Equal(
            ["CVE-2021-44228 c1", "GHSA-35jh-r3h4-6jhm c2", "GHSA-35jh-r3h4-6jhm c3", "CVE-2023-5678 c4", "TEMP-0841856-B18BAF c5", "GO-2024-2687 c6"],
            sorted.Select(finding => $"{finding.Vulnerability.VulnId} {finding.Component.Key}"));
    }

    [Fact]
    public void Within_a_severity_a_higher_cvss_v3_score_comes_first_and_a_missing_one_last()
    {
        var template = SampleScanReport.Create().Findings[0];
        var unscored = With(template, "CVE-A", score: null);
        var low = With(template, "CVE-B", score: 7.0);
        var high = With(template, "CVE-C", score: 8.9);

        var sorted = FindingOrder.Sort([unscored, low, high]);

        Assert.Equal(["CVE-C", "CVE-B", "CVE-A"], sorted.Select(finding => finding.Vulnerability.VulnId));
    }

    private static Finding With(Finding template, string vulnId, double? score) => template with
    {
        Vulnerability = new Vulnerability
        {
            VulnId = vulnId, Source = VulnerabilitySources.Nvd, Severity = Severity.High,
            CvssV3 = score is null ? null : new Cvss("CVSS:3.1/…", score, "nvd"),
        },
    };
}
