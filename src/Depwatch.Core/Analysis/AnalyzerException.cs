namespace Depwatch.Core.Analysis;

/// <summary>The analyzer could not do its work. The message says what failed and what to do.</summary>
public class AnalyzerException(string message, AnalyzerFailure failure, Exception? inner = null) : Exception(message, inner)
{
    public AnalyzerFailure Failure { get; } = failure;
}

public enum AnalyzerFailure
{
    /// <summary>The analyzer could not be reached, or stayed unavailable after retries.</summary>
    Unreachable,

    /// <summary>The analyzer rejected our credentials.</summary>
    Unauthenticated,

    /// <summary>The analyzer answered with an error or with something we cannot read.</summary>
    Protocol,
}
