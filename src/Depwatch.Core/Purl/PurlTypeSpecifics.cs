namespace Depwatch.Core.Purl;

/// <summary>Normalisations and checks that only some purl types have.</summary>
internal static class PurlTypeSpecifics
{
    public static PurlComponents NormalisePypi(PurlComponents purl) => purl with { Name = purl.Name.Replace('_', '-') };

    public static PurlComponents NormalisePub(PurlComponents purl) =>
        purl with { Name = new string([.. purl.Name.Select(c => IsPubNameCharacter(c) ? c : '_')]) };

    /// <summary>The spec makes the case of a model name depend on the server: Databricks ignores it, Azure ML keeps it.</summary>
    public static PurlComponents NormaliseMlflow(PurlComponents purl) =>
        purl.Qualifiers.GetValueOrDefault("repository_url") is { } url && url.Contains("databricks", StringComparison.OrdinalIgnoreCase)
            ? purl with { Name = purl.Name.ToLowerInvariant() }
            : purl;

    /// <summary>A cpan namespace is a CPAN author id, which the spec writes in upper case.</summary>
    public static PurlComponents NormaliseCpan(PurlComponents purl) => purl with { Namespace = purl.Namespace?.ToUpperInvariant() };

    public static void ValidateCpan(PurlComponents purl)
    {
        if (purl.Name.Contains("::", StringComparison.Ordinal))
        {
            throw new InvalidPurlException(
                $"a cpan name is a distribution name, not the module name '{purl.Name}' (e.g. '{purl.Name.Replace("::", "-", StringComparison.Ordinal)}')");
        }
    }

    public static void ValidateCocoapods(PurlComponents purl)
    {
        if (purl.Name.StartsWith('.') || purl.Name.Contains('+') || purl.Name.Any(char.IsWhiteSpace))
        {
            throw new InvalidPurlException($"a cocoapods name cannot contain whitespace or '+' nor start with '.', got '{purl.Name}'");
        }
    }

    public static void ValidateChromeExtension(PurlComponents purl)
    {
        if (purl.Name.Length != 32 || !purl.Name.All(c => c is >= 'a' and <= 'p'))
        {
            throw new InvalidPurlException($"a chrome-extension name is the 32-letter extension id (letters a to p), got '{purl.Name}'");
        }
        if (purl.Version is not null && !IsChromeVersion(purl.Version))
        {
            throw new InvalidPurlException($"a chrome-extension version has one to four dot-separated numbers, got '{purl.Version}'");
        }
    }

    public static void ValidateSwid(PurlComponents purl)
    {
        if (purl.Namespace is not null && purl.Namespace.Count(c => c == '/') > 1)
        {
            throw new InvalidPurlException($"a swid namespace has at most two segments (creator name and regid), got '{purl.Namespace}'");
        }
    }

    private static bool IsPubNameCharacter(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_';

    private static bool IsChromeVersion(string version)
    {
        var parts = version.Split('.');
        return parts.Length <= 4 && parts.All(part => part.Length > 0 && part.All(char.IsAsciiDigit));
    }
}
