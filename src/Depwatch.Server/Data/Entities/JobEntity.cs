namespace Depwatch.Server.Data.Entities;

/// <summary>A unit of background work in the database-backed queue, so nothing acknowledged is lost on restart.</summary>
public sealed class JobEntity
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>The token a client follows; every job of one upload's chain carries it.</summary>
    public Guid Token { get; set; }

    /// <summary>For BOM ingestion: the uploaded document, kept until the job is done.</summary>
    public byte[]? Payload { get; set; }

    public string State { get; set; } = JobStates.Queued;
    public int Attempts { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpires { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Finished { get; set; }

    /// <summary>The W3C trace context of the request that queued the job, so its trace goes on when a worker runs it.</summary>
    public string? TraceParent { get; set; }
}

public static class JobStates
{
    public const string Queued = "QUEUED";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
}

public static class JobKinds
{
    public const string IngestBom = "INGEST_BOM";
    public const string AnalyzeProject = "ANALYZE_PROJECT";
    public const string EvaluatePolicies = "EVALUATE_POLICIES";
}
