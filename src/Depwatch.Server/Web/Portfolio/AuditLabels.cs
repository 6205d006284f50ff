using Depwatch.Core.Triage;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>How the analysis values read on the pages: Dependency-Track's names in words ("Not affected").</summary>
internal static class AuditLabels
{
    public sealed record Choice(string Name, string Label);

    public static IReadOnlyList<Choice> States { get; } = Choices<AnalysisState>();

    public static IReadOnlyList<Choice> Justifications { get; } = Choices<AnalysisJustification>();

    public static IReadOnlyList<Choice> Responses { get; } = Choices<AnalysisResponse>();

    public static string Label(AnalysisState state) => Words(AnalysisNames.Name(state));

    public static string Label(AnalysisJustification justification) => Words(AnalysisNames.Name(justification));

    public static string Label(AnalysisResponse response) => Words(AnalysisNames.Name(response));

    private static List<Choice> Choices<TEnum>() where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(Name).Select(name => new Choice(name, Words(name)))];

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => value switch
    {
        AnalysisState state => AnalysisNames.Name(state),
        AnalysisJustification justification => AnalysisNames.Name(justification),
        AnalysisResponse response => AnalysisNames.Name(response),
        _ => value.ToString(),
    };

    private static string Words(string name)
    {
        var words = name.Replace('_', ' ').ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}

/// <summary>One finding's audit panel: the decision, the form to change it (for those who may), and the trail.</summary>
internal sealed record AuditPanelView(
    FindingRow Row, IReadOnlyList<Triage.AnalysisComment> Trail, bool MayTriage, bool Open, IReadOnlyDictionary<string, string>? Errors, string Action);
