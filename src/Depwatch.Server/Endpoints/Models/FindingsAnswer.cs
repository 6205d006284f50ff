using System.IO.Compression;
using System.Security.Cryptography;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// One project's findings answer as it goes on the wire: the JSON, the same JSON gzip-compressed for clients that
/// accept it (10,000 findings are 17 MB of JSON and well under 1 MB compressed; compressed once, on first demand),
/// and an entity tag for each.
/// </summary>
internal sealed class FindingsAnswer
{
    private readonly Lazy<byte[]> _gzip;

    private FindingsAnswer(string version, byte[] json, int count, string etag)
    {
        Version = version;
        Json = json;
        Count = count;
        ETag = etag;
        _gzip = new Lazy<byte[]>(() => Compress(json), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Version { get; }

    public byte[] Json { get; }

    public byte[] Gzip => _gzip.Value;

    public int Count { get; }

    public string ETag { get; }

    /// <summary>The gzip representation's tag: a different representation of the same answer needs its own.</summary>
    public string GzipETag => ETag.Insert(ETag.Length - 1, "-gzip");

    /// <summary>An upper bound on what keeping it costs: the JSON and, once asked for, its compressed copy.</summary>
    public long Bytes => Json.LongLength * 2;

    public static FindingsAnswer Create(string version, byte[] json, int count) =>
        new(version, json, count, $"\"{Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 16))}\"");

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
