using System.Security.Cryptography;
using System.Text;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Auth;

/// <summary>
/// API keys look like <c>dwk_&lt;8-character public id&gt;_&lt;32-character secret&gt;</c>. Only the public id and a
/// hash of the secret are stored; a key in any other form (one an operator chose) is hashed whole, stored under a
/// random public id marked <c>~</c> like a generated key's, and found by its hash.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "dwk_";
    public const string OtherFormMarker = "~";
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Key, string PublicId, string SecretHash) Generate()
    {
        var publicId = RandomNumberGenerator.GetString(Alphabet, 8);
        var secret = RandomNumberGenerator.GetString(Alphabet, 32);
        return ($"{Prefix}{publicId}_{secret}", publicId, Hash(secret));
    }

    /// <summary>
    /// How a key an operator chose is stored: one in Depwatch's form as a generated one; any other under a random
    /// public id, so that nothing shown about it (the id, the masked key) is derived from the key itself.
    /// </summary>
    public static (string Key, string PublicId, string SecretHash) ForChosenKey(string key)
    {
        var (publicId, secretHash) = IsOwnForm(key) ? Split(key) : (OtherFormMarker + RandomNumberGenerator.GetString(Alphabet, 7), Hash(key));
        return (key, publicId, secretHash);
    }

    /// <summary>The stored keys the presented <paramref name="key"/> may be: by its public id, or a key in another form by its hash.</summary>
    public static IQueryable<ApiKeyEntity> Presented(this IQueryable<ApiKeyEntity> keys, string key)
    {
        var (publicId, secretHash) = Split(key);
        return IsOwnForm(key)
            ? keys.Where(k => k.PublicId == publicId)
            : keys.Where(k => k.PublicId.StartsWith(OtherFormMarker) && k.SecretHash == secretHash);
    }

    /// <summary>The public id to look the key up by, and the hash its stored secret must equal.</summary>
    public static (string PublicId, string SecretHash) Split(string key)
    {
        if (IsOwnForm(key))
        {
            return (key.Substring(Prefix.Length, 8), Hash(key[(Prefix.Length + 9)..]));
        }
        var whole = Hash(key);
        return (OtherFormMarker + whole[..7], whole);
    }

    private static bool IsOwnForm(string key) =>
        key.Length == Prefix.Length + 8 + 1 + 32 && key.StartsWith(Prefix, StringComparison.Ordinal) && key[Prefix.Length + 8] == '_';

    public static bool Matches(string storedHash, string presentedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(presentedHash));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
