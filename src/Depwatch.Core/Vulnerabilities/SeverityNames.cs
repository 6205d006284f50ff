namespace Depwatch.Core.Vulnerabilities;

/// <summary>Severity names and ranks as Dependency-Track writes them.</summary>
public static class SeverityNames
{
    /// <summary>Every severity, most severe first.</summary>
    public static IReadOnlyList<Severity> MostSevereFirst { get; } =
        [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info, Severity.Unassigned];

    public static string UpperCase(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        Severity.Medium => "MEDIUM",
        Severity.Low => "LOW",
        Severity.Info => "INFO",
        _ => "UNASSIGNED",
    };

    public static string LowerCase(Severity severity) => UpperCase(severity).ToLowerInvariant();

    /// <summary>Dependency-Track's <c>severityRank</c>: 0 for CRITICAL up to 5 for UNASSIGNED.</summary>
    public static int Rank(Severity severity) => severity switch
    {
        Severity.Critical => 0,
        Severity.High => 1,
        Severity.Medium => 2,
        Severity.Low => 3,
        Severity.Info => 4,
        _ => 5,
    };

    /// <summary>The severity an upper- or lower-case name stands for; unknown names are <see cref="Severity.Unassigned"/>.</summary>
    public static Severity Parse(string? name) => name?.ToUpperInvariant() switch
    {
        "CRITICAL" => Severity.Critical,
        "HIGH" => Severity.High,
        "MEDIUM" => Severity.Medium,
        "LOW" => Severity.Low,
        "INFO" => Severity.Info,
        _ => Severity.Unassigned,
    };
}
