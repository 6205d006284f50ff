using System.IO.Compression;
using System.Security.Cryptography;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// One project's findings answer as it goes on the wire: the JSON, the same JSON gzip-compressed for clients that
/// accept it (10,000 findings are 17 MB of JSON and well under 1 MB compressed), and an entity tag for both.
/// </summary>
internal sealed record FindingsAnswer(string Version, byte[] Json, byte[] Gzip, int Count, string ETag)
{
    public static FindingsAnswer Create(string version, byte[] json, int count) =>
        new(version, json, Compress(json), count, $"\"{Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 16))}\"");

    /// <summary>The gzip representation's tag: a different representation of the same answer needs its own.</summary>
    public string GzipETag => ETag.Insert(ETag.Length - 1, "-gzip");

    public long Bytes => Json.LongLength + Gzip.LongLength;

    private static byte[] Compress(byte[] json)
    {
        using var buffer = new MemoryStream(json.Length / 8);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }
        return buffer.ToArray();
    }
}
