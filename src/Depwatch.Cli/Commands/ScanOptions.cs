using System.CommandLine;

namespace Depwatch.Cli.Commands;

/// <summary>The arguments and options of <c>depwatch scan</c>.</summary>
internal static class ScanOptions
{
    public static readonly Argument<string> Sbom = new("sbom")
    {
        Description = "The CycloneDX SBOM (JSON or XML, spec 1.2 to 1.6) to analyse; '-' reads standard input.",
    };

    public static readonly Option<string?> TrivyUrl = new("--trivy-url")
    {
        Description = "Base URL of the Trivy server, e.g. http://trivy:8080 (default: $DEPWATCH_TRIVY_URL).",
    };

    public static readonly Option<string?> TrivyToken = new("--trivy-token")
    {
        Description = "Token the Trivy server was started with (default: $DEPWATCH_TRIVY_TOKEN).",
    };

    public static readonly Option<string> TrivyTokenHeader = new("--trivy-token-header")
    {
        Description = "Header that carries the token, for servers started with --token-header.",
        DefaultValueFactory = _ => Trivy.TrivyOptions.DefaultTokenHeader,
    };

    public static readonly Option<bool> IgnoreUnfixed = new("--ignore-unfixed")
    {
        Description = "Report only vulnerabilities that have a fix.",
    };

    public static readonly Option<bool> SkipOsPackages = new("--skip-os-packages")
    {
        Description = "Do not analyse operating-system packages (deb, apk, rpm).",
    };

    public static readonly Option<bool> SkipLibraries = new("--skip-libraries")
    {
        Description = "Do not analyse language packages (npm, Maven, PyPI, …).",
    };

    public static readonly Option<string> Format = new Option<string>("--format", "-f")
    {
        Description = "Report format.",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "sarif");

    public static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output.",
    };

    public static readonly Option<string?> FailOn = new Option<string?>("--fail-on")
    {
        Description = "Exit with code 1 when a finding is at least this severe.",
    }.AcceptOnlyFromAmong("critical", "high", "medium", "low", "info", "unassigned");

    public static readonly Option<string> TrivyEncoding = new Option<string>("--trivy-encoding")
    {
        Description = "Encoding of requests to Trivy: binary protobuf, or JSON.",
        DefaultValueFactory = _ => "protobuf",
    }.AcceptOnlyFromAmong("protobuf", "json");

    public static readonly Option<int> TimeoutSeconds = new("--timeout")
    {
        Description = "Seconds one request to Trivy may take.",
        DefaultValueFactory = _ => 300,
    };

    public static readonly Option<string[]> PackageIndex = new("--package-index")
    {
        Description = "A Debian or Ubuntu Packages file or Alpine APKINDEX (path or URL; plain, .gz, .xz, APKINDEX.tar.gz) "
            + "that names the source packages of OS packages the SBOM lists without theirs. Repeatable. Write RELEASE=LOCATION "
            + "(e.g. debian-12=./Packages.xz) when the location does not name the release as a mirror path does.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string[]> Vex = new("--vex")
    {
        Description = "A VEX document (CycloneDX JSON or XML, or OpenVEX) whose statements leave findings out of the report: "
            + "not affected, false positive or resolved (OpenVEX: not_affected, fixed). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string[]> Policy = new("--policy")
    {
        Description = "A policy file (JSON or YAML: a list of policies with Dependency-Track's conditions) to evaluate on the SBOM's "
            + "components and their findings; a FAIL violation exits 1. Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<bool> ShowSuppressed = new("--show-suppressed")
    {
        Description = "List the findings a VEX suppresses, marked as such, rather than leaving them out.",
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print no progress on standard error.",
    };
}
