namespace Depwatch.Core.Analysis;

/// <summary>How far an analysis has come: <paramref name="Completed"/> of <paramref name="Total"/> requests.</summary>
public sealed record AnalysisProgress(string Stage, int Completed, int Total);
