using System.Collections.Frozen;
using System.Text;

namespace Depwatch.Core.Triage;

/// <summary>
/// The names Dependency-Track's API and CycloneDX give the analysis values: <c>NOT_AFFECTED</c>,
/// <c>CODE_NOT_REACHABLE</c>, <c>WILL_NOT_FIX</c>. CycloneDX's own spelling (<c>not_affected</c>) parses too.
/// </summary>
public static class AnalysisNames
{
    public static string Name(AnalysisState value) => Names<AnalysisState>.ToName[value];

    public static string Name(AnalysisJustification value) => Names<AnalysisJustification>.ToName[value];

    public static string Name(AnalysisResponse value) => Names<AnalysisResponse>.ToName[value];

    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.FromName.TryGetValue((name ?? "").Trim(), out value);

    /// <summary>Every name of <typeparamref name="TEnum"/>, for error messages.</summary>
    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.ToName.Values.Order(StringComparer.Ordinal);

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => UpperSnake(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromName =
            ToName.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }

    private static string UpperSnake(string pascal)
    {
        var name = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && name.Length > 0)
            {
                name.Append('_');
            }
            name.Append(char.ToUpperInvariant(c));
        }
        return name.ToString();
    }
}
