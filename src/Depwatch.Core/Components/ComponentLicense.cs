namespace Depwatch.Core.Components;

/// <summary>
/// One entry of a component's CycloneDX <c>licenses</c>: an SPDX license id, a free-text license name, or an SPDX
/// license expression; exactly one of the three is set.
/// </summary>
public sealed record ComponentLicense(string? Id, string? Name, string? Expression)
{
    public static ComponentLicense ForId(string id) => new(id, null, null);

    public static ComponentLicense ForName(string name) => new(null, name, null);

    public static ComponentLicense ForExpression(string expression) => new(null, null, expression);

    public override string ToString() => Id ?? Expression ?? Name ?? "";
}
