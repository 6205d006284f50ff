using System.Security.Cryptography;
using System.Text;
using Depwatch.Server.Data;

namespace Depwatch.Server.Secrets;

/// <summary>
/// Encrypts small secrets with AES-256-GCM under the data folder's key. A ciphertext is bound to its purpose
/// (e.g. the config property it belongs to), so it cannot be moved to another place and decrypted there.
/// </summary>
public sealed class SecretProtector(DataDirectory dataDirectory)
{
    private const string FormatPrefix = "v1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Lazy<byte[]> _key = new(() => SecretKeyFile.LoadOrCreate(dataDirectory));

    /// <summary>Loads the key now, creating it if need be, so a broken key file stops the server at start-up.</summary>
    public void EnsureKey() => _ = _key.Value;

    public string Protect(string plaintext, string purpose)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + TagBytes + plainBytes.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagBytes);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes),
            Encoding.UTF8.GetBytes(purpose));
        return FormatPrefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="SecretUnreadableException">The value was not encrypted with this key for this purpose.</exception>
    public string Unprotect(string ciphertext, string purpose)
    {
        try
        {
            if (!ciphertext.StartsWith(FormatPrefix, StringComparison.Ordinal))
            {
                throw new FormatException("Unknown format.");
            }
            var sealedBytes = Convert.FromBase64String(ciphertext[FormatPrefix.Length..]);
            if (sealedBytes.Length < NonceBytes + TagBytes)
            {
                throw new FormatException("Too short.");
            }
            var plainBytes = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(_key.Value, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes),
                sealedBytes.AsSpan(NonceBytes, TagBytes), plainBytes, Encoding.UTF8.GetBytes(purpose));
            return Encoding.UTF8.GetString(plainBytes);
        }
        catch (Exception e) when (e is FormatException or AuthenticationTagMismatchException)
        {
            throw new SecretUnreadableException(
                $"The stored secret '{purpose}' cannot be decrypted with {dataDirectory.PathOf(SecretKeyFile.FileName)}: "
                + "it was encrypted with another key (every instance sharing the database needs the same key file). "
                + "Copy the original key file here, or set the secret again.", e);
        }
    }
}

/// <summary>A stored secret that this instance's key cannot decrypt; the message says what to do.</summary>
public sealed class SecretUnreadableException(string message, Exception inner) : Exception(message, inner);
