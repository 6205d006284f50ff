namespace Depwatch.Server.Configuration;

/// <summary>The Trivy analyzer's settings, named as Dependency-Track names them (group <c>scanner</c>).</summary>
public static class TrivyProperties
{
    public const string Group = "scanner";
    public const string Enabled = "trivy.enabled";
    public const string BaseUrl = "trivy.base.url";
    public const string ApiToken = "trivy.api.token";
    public const string IgnoreUnfixed = "trivy.ignore.unfixed";
    public const string ScanLibrary = "trivy.scanner.scanLibrary";
    public const string ScanOs = "trivy.scanner.scanOs";
    public const string TokenHeader = "trivy.token.header";

    public static readonly IReadOnlyList<ConfigPropertyDefinition> All =
    [
        new(Group, Enabled, ConfigPropertyTypes.Boolean, "false",
            "Whether components are analysed by the Trivy server configured here"),
        new(Group, BaseUrl, ConfigPropertyTypes.Url, null,
            "Address of the Trivy server running in client/server mode, e.g. http://trivy:8080"),
        new(Group, ApiToken, ConfigPropertyTypes.EncryptedString, null,
            "Token the Trivy server was started with (--token); kept encrypted and never shown"),
        new(Group, IgnoreUnfixed, ConfigPropertyTypes.Boolean, "false",
            "Leave out vulnerabilities for which no fixed version exists yet"),
        new(Group, ScanLibrary, ConfigPropertyTypes.Boolean, "true",
            "Look for vulnerabilities in application libraries (npm, Maven, PyPI, Go, NuGet, Cargo, ...)"),
        new(Group, ScanOs, ConfigPropertyTypes.Boolean, "true",
            "Look for vulnerabilities in operating-system packages (deb, rpm, apk)"),
        new(Group, TokenHeader, ConfigPropertyTypes.String, Depwatch.Trivy.TrivyOptions.DefaultTokenHeader,
            "HTTP header that carries the token, for servers started with --token-header"),
    ];
}
