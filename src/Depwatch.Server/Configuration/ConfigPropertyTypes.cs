namespace Depwatch.Server.Configuration;

/// <summary>Dependency-Track's config property types; every value travels as a string.</summary>
public static class ConfigPropertyTypes
{
    public const string Boolean = "BOOLEAN";
    public const string Integer = "INTEGER";
    public const string Number = "NUMBER";
    public const string String = "STRING";
    public const string EncryptedString = "ENCRYPTEDSTRING";
    public const string Timestamp = "TIMESTAMP";
    public const string Url = "URL";
    public const string Uuid = "UUID";

    /// <summary>What an ENCRYPTEDSTRING value reads as; posting it back leaves the stored secret as it is.</summary>
    public const string EncryptedPlaceholder = "HiddenDecryptedPropertyPlaceholder";
}
