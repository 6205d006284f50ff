namespace Depwatch.Core.Vulnerabilities;

/// <summary>Severities as Dependency-Track names them, least severe first.</summary>
public enum Severity
{
    Unassigned = 0,
    Info = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}
