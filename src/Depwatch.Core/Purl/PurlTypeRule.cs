namespace Depwatch.Core.Purl;

internal enum NamespaceRequirement
{
    Optional,
    Required,
    Prohibited,
}

/// <summary>What the purl type definitions (PURL-TYPES) say about one type.</summary>
internal sealed record PurlTypeRule
{
    public NamespaceRequirement Namespace { get; init; }

    /// <summary>What the namespace stands for, quoted in the error when a required one is missing.</summary>
    public string? NamespaceMeaning { get; init; }

    public bool LowerCaseNamespace { get; init; }

    public bool LowerCaseName { get; init; }

    public bool LowerCaseVersion { get; init; }

    public IReadOnlyList<string> RequiredQualifiers { get; init; } = [];

    /// <summary>A type-specific normalisation applied after the lower-casing.</summary>
    public Func<PurlComponents, PurlComponents>? Normalise { get; init; }

    /// <summary>A type-specific check that throws <see cref="InvalidPurlException"/>.</summary>
    public Action<PurlComponents>? Validate { get; init; }

    public static PurlTypeRule NamespaceOptional { get; } = new();

    public static PurlTypeRule NamespaceProhibited { get; } = new() { Namespace = NamespaceRequirement.Prohibited };

    public static PurlTypeRule NamespaceRequired(string meaning) =>
        new() { Namespace = NamespaceRequirement.Required, NamespaceMeaning = meaning };
}
