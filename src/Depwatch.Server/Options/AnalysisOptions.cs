using System.ComponentModel.DataAnnotations;

namespace Depwatch.Server.Options;

/// <summary>How and when projects are analysed, and how the job queue runs. Section <c>Depwatch:Analysis</c>.</summary>
public sealed class AnalysisOptions : IValidatableObject
{
    public const string Section = "Depwatch:Analysis";

    // Shorter would make the sweep's timer spin; longer would take the deletion cutoff out of the range of dates.
    private static readonly TimeSpan s_shortestRetention = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_longestRetention = TimeSpan.FromDays(36500);

    // The schedule's timer takes at most 2^32 - 2 milliseconds (49 days).
    private static readonly TimeSpan s_shortestCadence = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_longestCadence = TimeSpan.FromDays(30);

    // Renewed every third of it, a lease shorter than this would keep the database busy with renewals.
    private static readonly TimeSpan s_shortestLease = TimeSpan.FromSeconds(1);

    /// <summary>How often every project is analysed again, new advisories being published all the time.</summary>
    public TimeSpan PortfolioCadence { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Trivy requests in flight at once from this instance, so a burst of uploads cannot overload Trivy.</summary>
    [Range(1, 64)]
    public int MaxConcurrentTrivyRequests { get; set; } = 4;

    /// <summary>Whether this instance runs queued jobs at all; false makes it serve the API only (jobs wait for another instance).</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>Jobs run side by side by this instance.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    /// <summary>How often an idle worker looks for queued jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait before a failed job is tried again; it doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a running job is owned by its instance before another may take it over. The worker renews it every
    /// third of this while the job runs, however long it takes; after a crash, another worker (of this instance once
    /// restarted, or of another) takes the job over at the latest this long after the last renewal.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a job is tried when it fails for a reason other than an outage (Trivy or the database
    /// unreachable, a time-out), e.g. a BOM the database refuses; then it fails for good with its reason, and the
    /// project's later uploads go ahead. Outages are retried until they end.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long a succeeded or permanently failed job is kept before it is deleted; queued, running and retrying
    /// jobs are never deleted. A deleted job's token reads as not processing, as an unknown token does.
    /// </summary>
    public TimeSpan FinishedJobRetention { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FinishedJobRetention < s_shortestRetention || FinishedJobRetention > s_longestRetention)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(FinishedJobRetention)} must be at least a second and at most {s_longestRetention.Days} days "
                + $"(e.g. 7.00:00:00 for a week); it is {FinishedJobRetention}.",
                [nameof(FinishedJobRetention)]);
        }
        if (PortfolioCadence < s_shortestCadence || PortfolioCadence > s_longestCadence)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(PortfolioCadence)} must be at least 0.1 s and at most {s_longestCadence.Days} days "
                + $"(e.g. 1.00:00:00 for daily); it is {PortfolioCadence}.",
                [nameof(PortfolioCadence)]);
        }
        if (Lease < s_shortestLease)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Lease)} must be at least a second (e.g. 00:00:30); it is {Lease}.", [nameof(Lease)]);
        }
    }
}
