using Depwatch.Core.Findings;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Testing;
using Depwatch.Trivy.Rpc;
using Google.Protobuf.WellKnownTypes;
using CoreSeverity = Depwatch.Core.Vulnerabilities.Severity;
using DataSource = Depwatch.Trivy.Rpc.DataSource;
using WireSeverity = Depwatch.Trivy.Rpc.Severity;
using WireVulnerability = Depwatch.Trivy.Rpc.Vulnerability;

namespace Depwatch.Trivy.Tests;

public sealed class TrivyRpcMapperTests
{
    [Theory]
    [InlineData("CVE-2024-0001", "debian", "NVD")]
    [InlineData("GHSA-jf85-cpcp-j695", "ghsa", "GITHUB")]
    [InlineData("RUSTSEC-2021-0003", "osv", "OSV")]
    [InlineData("GO-2023-2102", "govulndb", "OSV")]
    [InlineData("PYSEC-2021-9", "osv", "OSV")]
    [InlineData("TEMP-0841856-B18BAF", "debian", "OSV")]
    [InlineData("OSVDB-90901", "ruby-advisory-db", "OSV")]
    [InlineData("NSWG-ECO-328", "nodejs-security-wg", "OSV")]
    [InlineData("BIT-node-2023-1", "bitnami", "OSV")]
    [InlineData("XYZ-1", "alpine", "OSV")]
    [InlineData("XYZ-1", "", "UNKNOWN")]
    public void Every_identifier_gets_dependency_tracks_closest_source(string id, string dataSource, string source)
    {
        var vulnerability = TrivyRpcMapper.ToVulnerability(Wire(id, dataSource: dataSource));

        Assert.Equal(source, vulnerability.Source);
    }

    [Fact]
    public void Debian_fake_names_are_flagged_and_linked()
    {
        var wire = Wire("TEMP-0841856-B18BAF", dataSource: "debian");
        wire.PrimaryUrl = "https://security-tracker.debian.org/tracker/TEMP-0841856-B18BAF";

        var vulnerability = TrivyRpcMapper.ToVulnerability(wire);

        Assert.True(vulnerability.IsDebianTemporaryName);
        Assert.Equal(wire.PrimaryUrl, vulnerability.References[0]);
    }

    [Fact]
    public void Cvss_falls_back_to_nvd_when_the_severity_source_published_none()
    {
        var wire = Wire("CVE-2024-0001", dataSource: "debian");
        wire.SeveritySource = "debian";
        wire.Severity = WireSeverity.Medium;
        wire.Cvss.Add("nvd", new CVSS { V3Vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", V3Score = 7.5, V2Vector = "AV:N/AC:L/Au:N/C:P/I:N/A:N", V2Score = 5 });

        var vulnerability = TrivyRpcMapper.ToVulnerability(wire);

        Assert.Equal(CoreSeverity.Medium, vulnerability.Severity);
        Assert.Equal("debian", vulnerability.SeveritySource);
        Assert.Equal(new Cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "nvd"), vulnerability.CvssV3);
        Assert.Equal(new Cvss("AV:N/AC:L/Au:N/C:P/I:N/A:N", 5, "nvd"), vulnerability.CvssV2);
        Assert.Null(vulnerability.CvssV4);
    }

    [Fact]
    public void Cvss_of_the_severity_source_wins_over_nvd()
    {
        var wire = Wire("CVE-2019-10744", dataSource: "ghsa");
        wire.SeveritySource = "ghsa";
        wire.Cvss.Add("nvd", new CVSS { V3Vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score = 9.8 });
        wire.Cvss.Add("ghsa", new CVSS { V3Vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score = 8.1 });

        Assert.Equal("ghsa", TrivyRpcMapper.ToVulnerability(wire).CvssV3!.Source);
    }

    [Fact]
    public void Details_are_kept()
    {
        var wire = Wire("CVE-2024-0001", dataSource: "debian");
        wire.Title = "openssl: example";
        wire.Description = "A flaw.";
        wire.Severity = WireSeverity.Critical;
        wire.CweIds.Add(["CWE-79", "NVD-CWE-Other", "CWE-79", "cwe-20"]);
        wire.VendorSeverity.Add("nvd", WireSeverity.High);
        wire.VendorSeverity.Add("debian", WireSeverity.Low);
        wire.PublishedDate = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        wire.LastModifiedDate = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));
        wire.DataSource = new DataSource { Id = "debian", Name = "Debian Security Tracker", Url = "https://salsa.debian.org/security-tracker-team/security-tracker" };

        var vulnerability = TrivyRpcMapper.ToVulnerability(wire);

        Assert.Equal(("openssl: example", "A flaw.", CoreSeverity.Critical), (vulnerability.Title, vulnerability.Description, vulnerability.Severity));
        Assert.Equal([79, 20], vulnerability.Cwes);
        Assert.Equal(CoreSeverity.High, vulnerability.VendorSeverities["nvd"]);
        Assert.Equal(CoreSeverity.Low, vulnerability.VendorSeverities["debian"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), vulnerability.Published);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), vulnerability.Updated);
        Assert.Equal(new Core.Vulnerabilities.DataSource("debian", "Debian Security Tracker", "https://salsa.debian.org/security-tracker-team/security-tracker"), vulnerability.DataSource);
    }

    [Fact]
    public void Aliases_come_from_vendor_ids_and_advisory_references()
    {
        var cve = Wire("CVE-2021-23337", dataSource: "ghsa");
        cve.VendorIds.Add(["DSA-5600-1", "GHSA-35jh-r3h4-6jhm"]);
        cve.References.Add(["https://github.com/advisories/GHSA-35jh-r3h4-6jhm", "https://nvd.nist.gov/vuln/detail/CVE-2020-8203",
            "https://osv.dev/vulnerability/PYSEC-2021-9"]);
        var ghsa = Wire("GHSA-35jh-r3h4-6jhm", dataSource: "ghsa");
        ghsa.References.Add("https://nvd.nist.gov/vuln/detail/cve-2021-23337");

        Assert.Equal(
            [new VulnerabilityAlias("OSV", "DSA-5600-1"), new VulnerabilityAlias("GITHUB", "GHSA-35jh-r3h4-6jhm"), new VulnerabilityAlias("OSV", "PYSEC-2021-9")],
            TrivyRpcMapper.ToVulnerability(cve).Aliases);
        Assert.Equal([new VulnerabilityAlias("NVD", "CVE-2021-23337")], TrivyRpcMapper.ToVulnerability(ghsa).Aliases);
    }

    [Theory]
    [InlineData(3, "3.0.13-1", FindingStatus.Fixed, "3.0.13-1")]
    [InlineData(2, "", FindingStatus.Affected, null)]
    [InlineData(6, "", FindingStatus.FixDeferred, null)]
    [InlineData(42, "", FindingStatus.Unknown, null)]
    public void Findings_carry_status_and_fixed_version(int status, string fixedVersion, FindingStatus expected, string? expectedFix)
    {
        var wire = Wire("CVE-2024-0001", dataSource: "debian");
        wire.Status = status;
        wire.FixedVersion = fixedVersion;
        wire.InstalledVersion = "3.0.11-1~deb12u2";

        var finding = TrivyRpcMapper.ToFinding(TestComponents.FromPurl("1", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2"), wire, TrivyRpcMapper.ToVulnerability(wire));

        Assert.Equal((expected, expectedFix, "3.0.11-1~deb12u2", "TRIVY_ANALYZER"), (finding.Status, finding.FixedVersion, finding.InstalledVersion, finding.AnalyzerIdentity));
    }

    [Fact]
    public void Findings_are_attributed_by_pkg_id_else_by_bom_ref()
    {
        var old = Wire("CVE-1", dataSource: "") ;
        old.PkgId = "k1";
        var current = Wire("CVE-1", dataSource: "");
        current.PkgIdentifier = new PkgIdentifier { BomRef = "k2" };

        Assert.Equal("k1", TrivyRpcMapper.ComponentKey(old));
        Assert.Equal("k2", TrivyRpcMapper.ComponentKey(current));
        Assert.Null(TrivyRpcMapper.ComponentKey(Wire("CVE-1", dataSource: "")));
    }

    private static WireVulnerability Wire(string id, string dataSource) => new()
    {
        VulnerabilityId = id,
        DataSource = dataSource.Length > 0 ? new DataSource { Id = dataSource } : null,
    };
}
