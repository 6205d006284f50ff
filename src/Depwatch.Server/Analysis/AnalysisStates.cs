namespace Depwatch.Server.Analysis;

/// <summary>The outcomes a project's last analysis and each analysis run are recorded with.</summary>
public static class AnalysisStates
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";

    /// <summary>Nothing was analysed, e.g. because the Trivy analyzer is disabled.</summary>
    public const string Skipped = "SKIPPED";
}
