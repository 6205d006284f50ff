namespace Depwatch.Server.Configuration;

/// <summary>Server-wide settings, named as Dependency-Track names them (group <c>general</c>).</summary>
public static class GeneralProperties
{
    public const string Group = "general";
    public const string BadgeEnabled = "badge.enabled";

    public static readonly IReadOnlyList<ConfigPropertyDefinition> All =
    [
        new(Group, BadgeEnabled, ConfigPropertyTypes.Boolean, "false",
            "Whether project badges (SVG) are served, to API keys holding VIEW_BADGES"),
    ];
}

/// <summary>Every config property Depwatch knows.</summary>
public static class ConfigPropertyDefinitions
{
    public static readonly IReadOnlyList<ConfigPropertyDefinition> All = [.. TrivyProperties.All, .. GeneralProperties.All, .. EmailProperties.All];
}
