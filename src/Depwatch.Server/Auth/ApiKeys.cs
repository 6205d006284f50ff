using System.Security.Cryptography;
using System.Text;

namespace Depwatch.Server.Auth;

/// <summary>
/// API keys look like <c>dwk_&lt;8-character public id&gt;_&lt;32-character secret&gt;</c>. Only the public id and a
/// hash of the secret are stored; a key in any other form (e.g. one an operator chose) is hashed whole.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "dwk_";
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Key, string PublicId, string SecretHash) Generate()
    {
        var publicId = RandomNumberGenerator.GetString(Alphabet, 8);
        var secret = RandomNumberGenerator.GetString(Alphabet, 32);
        return ($"{Prefix}{publicId}_{secret}", publicId, Hash(secret));
    }

    /// <summary>The public id to look the key up by, and the hash its stored secret must equal.</summary>
    public static (string PublicId, string SecretHash) Split(string key)
    {
        if (key.Length == Prefix.Length + 8 + 1 + 32 && key.StartsWith(Prefix, StringComparison.Ordinal) && key[Prefix.Length + 8] == '_')
        {
            return (key.Substring(Prefix.Length, 8), Hash(key[(Prefix.Length + 9)..]));
        }
        var whole = Hash(key);
        return ("~" + whole[..7], whole);
    }

    public static bool Matches(string storedHash, string presentedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(presentedHash));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
