using System.Collections.Immutable;

namespace Depwatch.Trivy;

/// <summary>
/// How Depwatch talks to a Trivy server. Names follow Dependency-Track's <c>scanner</c> config properties
/// (<c>trivy.base.url</c>, <c>trivy.api.token</c>, <c>trivy.ignore.unfixed</c>, …).
/// </summary>
public sealed record TrivyOptions
{
    public const string DefaultTokenHeader = "Trivy-Token";

    private ServerList _servers = new([]);

    /// <summary>The server's base URL, e.g. <c>http://trivy:8080</c>; with several servers, the first.</summary>
    public Uri BaseUrl
    {
        get => _servers.Urls is [var first, ..] ? first : throw new InvalidOperationException("No Trivy server is configured.");
        init => _servers = new([value]);
    }

    /// <summary>
    /// Every Trivy server to spread scans over (all started with the same token), in the order configured; one scan
    /// unit's requests all go to one of them.
    /// </summary>
    public IReadOnlyList<Uri> Servers
    {
        get => _servers.Urls;
        init => _servers = new([.. value]);
    }

    /// <summary><see cref="BaseUrl"/> as messages and logs show it: without a user name or password written into it.</summary>
    public string DisplayBaseUrl => WithoutCredentials(BaseUrl);

    /// <summary><see cref="BaseUrl"/> ending in '/', so relative paths resolve below it rather than beside it.</summary>
    internal Uri BaseDirectory => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");

    /// <summary>The token the server was started with (<c>--token</c>); null when it needs none.</summary>
    public string? ApiToken { get; init; }

    /// <summary>The header carrying the token (<c>--token-header</c> on the server).</summary>
    public string TokenHeader { get; init; } = DefaultTokenHeader;

    /// <summary>Keep only vulnerabilities with a fix (Trivy status <c>fixed</c>).</summary>
    public bool IgnoreUnfixed { get; init; }

    public bool ScanLibraries { get; init; } = true;

    public bool ScanOsPackages { get; init; } = true;

    /// <summary>How long one request may take; a scan waits while the server swaps its database.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TwirpEncoding Encoding { get; init; } = TwirpEncoding.Protobuf;

    /// <summary>How often a request that failed for a transient reason is tried again.</summary>
    public int MaxRetries { get; init; } = 5;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Packages per blob; larger inventories are split into several scans run side by side.</summary>
    public int MaxPackagesPerBlob { get; init; } = 2000;

    /// <summary>Scans in flight at once against the server.</summary>
    public int MaxConcurrentScans { get; init; } = 4;

    /// <summary>The reasons these options cannot work, empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Servers.Count == 0)
        {
            problems.Add("At least one Trivy server must be configured.");
        }
        foreach (var url in Servers.Where(url => !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"Trivy base URL '{WithoutCredentials(url)}' must be an absolute http:// or https:// URL.");
        }
        if (string.IsNullOrWhiteSpace(TokenHeader))
        {
            problems.Add("Trivy token header name must not be empty.");
        }
        if (!ScanLibraries && !ScanOsPackages)
        {
            problems.Add("At least one of scanning libraries and scanning OS packages must be enabled.");
        }
        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Trivy request timeout must be positive.");
        }
        if (MaxRetries < 0 || MaxPackagesPerBlob < 1 || MaxConcurrentScans < 1)
        {
            problems.Add("Trivy retry count must be zero or more, and packages per blob and concurrent scans at least one.");
        }
        return problems;
    }

    /// <summary>The URL without the credentials that may be written into it (<c>http://user:password@host</c>).</summary>
    public static string WithoutCredentials(Uri url) =>
        !url.IsAbsoluteUri || string.IsNullOrEmpty(url.UserInfo) ? url.ToString() : new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();

    /// <summary>Server URLs compared by their contents, so that options built twice from the same settings are equal.</summary>
    private readonly record struct ServerList(ImmutableArray<Uri> Urls)
    {
        public bool Equals(ServerList other) => Urls.SequenceEqual(other.Urls);

        public override int GetHashCode() => Urls.Aggregate(0, (hash, url) => HashCode.Combine(hash, url));
    }
}
