namespace Depwatch.Core.Purl;

/// <summary>Checks of the type and of qualifier keys, which are never percent-encoded.</summary>
internal static class PurlSyntax
{
    /// <summary>The type, lower-cased, or an error when it has characters the spec does not allow.</summary>
    public static string ValidType(string type)
    {
        if (type.Length == 0)
        {
            throw new InvalidPurlException("it has no type after 'pkg:'");
        }
        if (!char.IsAsciiLetter(type[0]))
        {
            throw new InvalidPurlException($"type '{type}' must start with a letter");
        }
        var invalid = type.FirstOrDefault(c => !IsTypeCharacter(c));
        if (invalid != default)
        {
            throw new InvalidPurlException($"type '{type}' contains an invalid character '{invalid}'");
        }
        return type.ToLowerInvariant();
    }

    /// <summary>The key, lower-cased, or an error when it has characters the spec does not allow.</summary>
    public static string ValidQualifierKey(string key)
    {
        if (key.Length == 0)
        {
            throw new InvalidPurlException("a qualifier has an empty key");
        }
        if (!key.All(IsQualifierKeyCharacter))
        {
            throw new InvalidPurlException($"qualifier key '{key}' contains an invalid character");
        }
        if (!char.IsAsciiLetter(key[0]))
        {
            throw new InvalidPurlException($"qualifier key '{key}' must start with a letter");
        }
        return key.ToLowerInvariant();
    }

    private static bool IsTypeCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';

    private static bool IsQualifierKeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
}
