using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Tests.Output;

/// <summary>The vulnerabilities of <see cref="SampleScanReport"/>, with fixed dates so that reports are stable.</summary>
internal static class Vulnerabilities
{
    private static readonly DataSource s_ghsaMaven =
        new("ghsa", "GitHub Security Advisory Maven", "https://github.com/advisories?query=type%3Areviewed+ecosystem%3Amaven");

    private static readonly DataSource s_ghsaNpm =
        new("ghsa", "GitHub Security Advisory npm", "https://github.com/advisories?query=type%3Areviewed+ecosystem%3Anpm");

    private static readonly DataSource s_debian = new("debian", "Debian Security Tracker", "https://salsa.debian.org/security-tracker-team/security-tracker");

    private static readonly DataSource s_goVulnDb = new("govulndb", "The Go Vulnerability Database", "https://pkg.go.dev/vuln/");

    public static Vulnerability Log4Shell { get; } = new()
    {
        VulnId = "CVE-2021-44228", Source = VulnerabilitySources.Nvd, DataSource = s_ghsaMaven,
        Title = "log4j-core: Remote code execution in Log4j 2.x when logs contain an attacker-controlled string value",
        Description = "JNDI features used in configuration, log messages, and parameters do not protect against attacker-controlled LDAP and other JNDI related endpoints.",
        Severity = Severity.Critical, SeveritySource = "ghsa",
        VendorSeverities = new Dictionary<string, Severity> { ["nvd"] = Severity.Critical, ["ghsa"] = Severity.Critical, ["redhat"] = Severity.Critical },
        CvssV2 = new Cvss("AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3, "nvd"),
        CvssV3 = new Cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "nvd"),
        Cwes = [502, 400, 20],
        References = ["https://logging.apache.org/log4j/2.x/security.html", "https://github.com/advisories/GHSA-jfh8-c2jp-5v3q"],
        Published = new DateTimeOffset(2021, 12, 10, 10, 15, 0, TimeSpan.Zero),
        Updated = new DateTimeOffset(2023, 11, 7, 3, 39, 0, TimeSpan.Zero),
        Aliases = [new(VulnerabilitySources.GitHub, "GHSA-jfh8-c2jp-5v3q")],
        PrimaryUrl = "https://avd.aquasec.com/nvd/cve-2021-44228",
    };

    public static Vulnerability LodashCommandInjection { get; } = new()
    {
        VulnId = "GHSA-35jh-r3h4-6jhm", Source = VulnerabilitySources.GitHub, DataSource = s_ghsaNpm,
        Title = "Command Injection in lodash",
        Description = "lodash versions prior to 4.17.21 are vulnerable to Command Injection via the template function.",
        Severity = Severity.High, SeveritySource = "ghsa",
        VendorSeverities = new Dictionary<string, Severity> { ["ghsa"] = Severity.High, ["nvd"] = Severity.High },
        CvssV3 = new Cvss("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2, "ghsa"),
        Cwes = [77, 94],
        References = ["https://github.com/advisories/GHSA-35jh-r3h4-6jhm"],
        Published = new DateTimeOffset(2021, 5, 6, 16, 5, 51, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 2, 1, 12, 0, 0, TimeSpan.Zero),
        Aliases = [new(VulnerabilitySources.Nvd, "CVE-2021-23337")],
        PrimaryUrl = "https://github.com/advisories/GHSA-35jh-r3h4-6jhm",
    };

    public static Vulnerability OpenSslSlowKeyCheck { get; } = new()
    {
        VulnId = "CVE-2023-5678", Source = VulnerabilitySources.Nvd, DataSource = s_debian,
        Title = "openssl: Generating excessively long X9.42 DH keys or checking excessively long X9.42 DH keys or parameters may be very slow",
        Description = "Applications that use DH_generate_key() or DH_check_pub_key() on excessively long X9.42 DH keys may\nexperience long delays.",
        Severity = Severity.Medium, SeveritySource = "nvd",
        VendorSeverities = new Dictionary<string, Severity> { ["nvd"] = Severity.Medium, ["debian"] = Severity.Low },
        CvssV3 = new Cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3, "nvd"),
        Cwes = [754],
        References = ["https://www.openssl.org/news/secadv/20231106.txt"],
        Published = new DateTimeOffset(2023, 11, 6, 16, 15, 0, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 5, 1, 17, 15, 0, TimeSpan.Zero),
        Aliases = [new(VulnerabilitySources.Osv, "DLA-3942-1")],
        PrimaryUrl = "https://avd.aquasec.com/nvd/cve-2023-5678",
    };

    public static Vulnerability DebianTemporaryName { get; } = new()
    {
        VulnId = "TEMP-0841856-B18BAF", Source = VulnerabilitySources.Osv, DataSource = s_debian,
        Title = "[Privilege escalation possible to other user than root]",
        Severity = Severity.Low, SeveritySource = "debian",
        VendorSeverities = new Dictionary<string, Severity> { ["debian"] = Severity.Low },
        IsDebianTemporaryName = true,
        PrimaryUrl = "https://security-tracker.debian.org/tracker/TEMP-0841856-B18BAF",
    };

    public static Vulnerability HttpContinuationFlood { get; } = new()
    {
        VulnId = "GO-2024-2687", Source = VulnerabilitySources.Osv, DataSource = s_goVulnDb,
        Title = "HTTP/2 CONTINUATION flood in net/http",
        Description = "An attacker may cause an HTTP/2 endpoint to read arbitrary amounts of header data by sending an excessive number of CONTINUATION frames.",
        References = ["https://pkg.go.dev/vuln/GO-2024-2687", "https://go.dev/issue/65051"],
        Published = new DateTimeOffset(2024, 4, 3, 21, 12, 1, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 4, 3, 21, 12, 1, TimeSpan.Zero),
        Aliases = [new(VulnerabilitySources.Nvd, "CVE-2023-45288"), new(VulnerabilitySources.GitHub, "GHSA-4v7x-pqxf-cx7m")],
    };
}
