namespace Depwatch.Core.Purl;

/// <summary>Applies the type's rules to parsed components: case folding, type-specific normalisation, checks.</summary>
internal static class PurlNormaliser
{
    public static PurlComponents Normalise(PurlComponents purl)
    {
        var rule = PurlTypeRules.For(purl.Type);
        var normalised = FoldCase(purl, rule);
        normalised = rule.Normalise?.Invoke(normalised) ?? normalised;
        CheckNamespace(normalised, rule);
        CheckRequiredQualifiers(normalised, rule);
        rule.Validate?.Invoke(normalised);
        return normalised;
    }

    private static PurlComponents FoldCase(PurlComponents purl, PurlTypeRule rule) => purl with
    {
        Namespace = rule.LowerCaseNamespace ? purl.Namespace?.ToLowerInvariant() : purl.Namespace,
        Name = rule.LowerCaseName ? purl.Name.ToLowerInvariant() : purl.Name,
        Version = rule.LowerCaseVersion ? purl.Version?.ToLowerInvariant() : purl.Version,
    };

    private static void CheckNamespace(PurlComponents purl, PurlTypeRule rule)
    {
        if (rule.Namespace == NamespaceRequirement.Required && purl.Namespace is null)
        {
            throw new InvalidPurlException($"{Article(purl.Type)} {purl.Type} purl needs a namespace ({rule.NamespaceMeaning})");
        }
        if (rule.Namespace == NamespaceRequirement.Prohibited && purl.Namespace is not null)
        {
            throw new InvalidPurlException($"{Article(purl.Type)} {purl.Type} purl takes no namespace, got '{purl.Namespace}'");
        }
    }

    private static void CheckRequiredQualifiers(PurlComponents purl, PurlTypeRule rule)
    {
        var missing = rule.RequiredQualifiers.FirstOrDefault(key => !purl.Qualifiers.ContainsKey(key));
        if (missing is not null)
        {
            throw new InvalidPurlException($"{Article(purl.Type)} {purl.Type} purl needs the qualifier '{missing}'");
        }
    }

    private static string Article(string type) => type[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";
}
