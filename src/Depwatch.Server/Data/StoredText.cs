namespace Depwatch.Server.Data;

/// <summary>
/// The text Depwatch stores, checked the same way whichever database holds it: left to the database, a NUL character
/// is stored by SQLite and refused by PostgreSQL, and a value too long for an index is refused by PostgreSQL alone.
/// </summary>
public static class StoredText
{
    /// <summary>
    /// The most characters of an indexed name or version (project, tag, team, config property). A character takes at
    /// most three bytes in UTF-8 (four for a pair of UTF-16 ones), so two such values stay well under the 2,704 bytes
    /// PostgreSQL allows an index row.
    /// </summary>
    public const int MaxIndexedLength = 255;

    /// <summary>Why <paramref name="value"/> cannot be a name, version, purl or tag, or null when it can: it holds no control character.</summary>
    public static string? IdentifierProblem(string value)
    {
        for (var index = 0; index < value.Length; index++)
        {
            if (char.IsControl(value[index]))
            {
                return $"contains a control character (U+{(int)value[index]:X4}) at position {index + 1}";
            }
        }
        return null;
    }

    /// <summary>Why free text (a description) cannot be stored, or null when it can: it holds no NUL character.</summary>
    public static string? TextProblem(string value) =>
        value.IndexOf('\0', StringComparison.Ordinal) is >= 0 and var index ? $"contains a NUL character (U+0000) at position {index + 1}" : null;

    /// <summary>Why <paramref name="value"/> cannot be an indexed name or version: a control character, or more than <see cref="MaxIndexedLength"/> characters.</summary>
    public static string? IndexedProblem(string value) =>
        value.Length > MaxIndexedLength ? $"is longer than {MaxIndexedLength} characters" : IdentifierProblem(value);
}
