namespace Depwatch.Cli;

/// <summary>The exit codes a CI job can act on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Findings at or above <c>--fail-on</c>, or a violation of a FAIL policy.</summary>
    public const int FindingsAtThreshold = 1;

    /// <summary>Bad arguments or an SBOM that cannot be read.</summary>
    public const int BadInput = 2;

    /// <summary>Trivy could not be reached, or rejected us.</summary>
    public const int TrivyFailed = 3;
}
