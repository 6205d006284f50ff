using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Jobs;

/// <summary>The job was taken over by another worker (its lease ran out): this worker's work on it must not be committed.</summary>
public sealed class JobLeaseLostException(JobEntity job)
    : Exception($"Job {job.Id} ({job.Kind}) is no longer this worker's: its lease ran out and another worker took it over.");
