using Depwatch.Trivy;

namespace Depwatch.Server.Analysis;

/// <summary>The Trivy analyzer's current settings, from the <c>scanner</c> config properties.</summary>
public interface ITrivyConfiguration
{
    /// <summary>The options to analyse with, or null while the Trivy analyzer is disabled or has no base URL.</summary>
    Task<TrivyOptions?> GetOptionsAsync(CancellationToken cancellationToken);
}
