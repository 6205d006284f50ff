using System.CommandLine;
using Depwatch.Core.PackageIndexes;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Trivy;

namespace Depwatch.Cli.Commands;

/// <summary>A <c>depwatch scan</c> invocation, resolved from its arguments and environment.</summary>
internal sealed record ScanSettings(string Sbom, TrivyOptions Trivy, string Format, string? Output, Severity? FailOn, bool Quiet)
{
    public const string UrlVariable = "DEPWATCH_TRIVY_URL";
    public const string TokenVariable = "DEPWATCH_TRIVY_TOKEN";

    /// <summary>The package indexes <c>--package-index</c> names.</summary>
    public IReadOnlyList<PackageIndexSource> PackageIndexes { get; init; } = [];

    /// <summary>The VEX files <c>--vex</c> names, in order.</summary>
    public IReadOnlyList<string> Vex { get; init; } = [];

    /// <summary>The policy files <c>--policy</c> names, in order.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    public bool ShowSuppressed { get; init; }

    public static ScanSettings? From(ParseResult parse, Func<string, string?> variable, out string? problem)
    {
        var url = parse.GetValue(ScanOptions.TrivyUrl) ?? variable(UrlVariable);
        problem = UrlProblem(url, out var baseUrl);
        if (baseUrl is null)
        {
            return null;
        }
        var trivy = new TrivyOptions
        {
            BaseUrl = baseUrl,
            ApiToken = parse.GetValue(ScanOptions.TrivyToken) ?? variable(TokenVariable),
            TokenHeader = parse.GetValue(ScanOptions.TrivyTokenHeader)!,
            IgnoreUnfixed = parse.GetValue(ScanOptions.IgnoreUnfixed),
            ScanOsPackages = !parse.GetValue(ScanOptions.SkipOsPackages),
            ScanLibraries = !parse.GetValue(ScanOptions.SkipLibraries),
            Encoding = parse.GetValue(ScanOptions.TrivyEncoding) == "json" ? TwirpEncoding.Json : TwirpEncoding.Protobuf,
            RequestTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(ScanOptions.TimeoutSeconds))),
        };
        if (trivy.Validate() is [var invalid, ..])
        {
            problem = invalid;
            return null;
        }
        var indexes = new List<PackageIndexSource>();
        foreach (var text in parse.GetValue(ScanOptions.PackageIndex) ?? [])
        {
            if (PackageIndexSource.Parse(text, out problem) is not { } index)
            {
                problem = $"--package-index: {problem}";
                return null;
            }
            indexes.Add(index);
        }
        var failOn = parse.GetValue(ScanOptions.FailOn) is { } level ? Enum.Parse<Severity>(level, ignoreCase: true) : (Severity?)null;
        return new ScanSettings(parse.GetValue(ScanOptions.Sbom)!, trivy, parse.GetValue(ScanOptions.Format)!,
            parse.GetValue(ScanOptions.Output), failOn, parse.GetValue(ScanOptions.Quiet))
        {
            PackageIndexes = indexes,
            Vex = parse.GetValue(ScanOptions.Vex) ?? [],
            Policies = parse.GetValue(ScanOptions.Policy) ?? [],
            ShowSuppressed = parse.GetValue(ScanOptions.ShowSuppressed),
        };
    }

    /// <summary>Why <paramref name="url"/> cannot be a Trivy base URL, or null with <paramref name="baseUrl"/> set.</summary>
    public static string? UrlProblem(string? url, out Uri? baseUrl)
    {
        baseUrl = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return $"no Trivy server given: pass --trivy-url or set {UrlVariable}.";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return $"Trivy URL '{url}' is not an absolute http:// or https:// URL.";
        }
        baseUrl = parsed;
        return null;
    }
}
