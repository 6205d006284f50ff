namespace Depwatch.Server.Analysis;

/// <summary>
/// The counts of open, unsuppressed policy violations, as Dependency-Track's metrics report them: by the policy's
/// violation state and by type, each type with how many carry a decision other than NOT_SET (audited).
/// </summary>
public sealed record ViolationMetrics(
    int Fail, int Warn, int Info, int SecurityTotal, int SecurityAudited, int LicenseTotal, int LicenseAudited,
    int OperationalTotal, int OperationalAudited)
{
    public static ViolationMetrics None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public int Total => SecurityTotal + LicenseTotal + OperationalTotal;

    public int Audited => SecurityAudited + LicenseAudited + OperationalAudited;

    public static ViolationMetrics operator +(ViolationMetrics a, ViolationMetrics b) => new(
        a.Fail + b.Fail, a.Warn + b.Warn, a.Info + b.Info, a.SecurityTotal + b.SecurityTotal, a.SecurityAudited + b.SecurityAudited,
        a.LicenseTotal + b.LicenseTotal, a.LicenseAudited + b.LicenseAudited, a.OperationalTotal + b.OperationalTotal,
        a.OperationalAudited + b.OperationalAudited);

    /// <summary>One violation of a policy in <paramref name="state"/>, of <paramref name="type"/>.</summary>
    public static ViolationMetrics One(string state, string type, bool audited)
    {
        var (a, s) = (audited ? 1 : 0, 1);
        var counts = type switch
        {
            "SECURITY" => None with { SecurityTotal = s, SecurityAudited = a },
            "LICENSE" => None with { LicenseTotal = s, LicenseAudited = a },
            _ => None with { OperationalTotal = s, OperationalAudited = a },
        };
        return state switch
        {
            "FAIL" => counts with { Fail = 1 },
            "WARN" => counts with { Warn = 1 },
            _ => counts with { Info = 1 },
        };
    }
}
