using Depwatch.Core.Triage;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Data;

/// <summary>How a decision is stored: Dependency-Track's names in text columns, both directions.</summary>
internal static class AnalysisMapping
{
    public static FindingAnalysis ToDomain(FindingAnalysisEntity entity) => new(
        Parse<AnalysisState>(entity.State), Parse<AnalysisJustification>(entity.Justification), Parse<AnalysisResponse>(entity.Response),
        entity.Details, entity.Suppressed);

    public static void Apply(FindingAnalysisEntity entity, FindingAnalysis analysis)
    {
        entity.State = AnalysisNames.Name(analysis.State);
        entity.Justification = AnalysisNames.Name(analysis.Justification);
        entity.Response = AnalysisNames.Name(analysis.Response);
        entity.Details = analysis.Details;
        entity.Suppressed = analysis.IsSuppressed;
    }

    private static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        AnalysisNames.TryParse<TEnum>(name, out var value) ? value : default;
}
