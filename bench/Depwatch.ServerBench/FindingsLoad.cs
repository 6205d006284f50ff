using System.Diagnostics;
using System.Net;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Depwatch.Bench;

/// <summary>
/// Times <c>GET /api/v1/finding/project/{uuid}</c> as one kind of client makes it: one that sends no Accept-Encoding
/// (Dependency-Track's usual Java and curl clients) or one that accepts gzip (curl --compressed, Python requests,
/// browsers). Each request is timed to the last byte of the body as it arrives, read into a buffer each client
/// reuses (as a client streaming the answer to a parser would); decoding it is the client's own work and is measured
/// apart. Every timed body must be byte-identical to a reference answer whose findings were counted, so a wrong
/// answer cannot pass unnoticed.
/// </summary>
internal sealed class FindingsLoad : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _path;
    private byte[] _reference = [];

    public FindingsLoad(Uri baseUrl, string apiKey, string projectUuid, bool gzip)
    {
        Gzip = gzip;
        // No automatic decompression: a gzip client receives, and is timed on, the compressed bytes.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(5),
        };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (gzip)
        {
            _http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        }
        _path = $"api/v1/finding/project/{projectUuid}";
    }

    public bool Gzip { get; }

    public string Label => Gzip ? "accepts gzip" : "no Accept-Encoding";

    /// <summary>Bytes on the wire per answer.</summary>
    public long WireBytes { get; private set; }

    /// <summary>Fetches the reference answer, checks it holds <paramref name="expectedFindings"/> findings, and returns how long decoding it took.</summary>
    public async Task<double> PrepareAsync(int expectedFindings)
    {
        var body = await FetchAsync();
        var started = Stopwatch.GetTimestamp();
        var count = CountFindings(body);
        var decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (count != expectedFindings)
        {
            throw new InvalidOperationException($"{Label}: the answer holds {count} findings, not {expectedFindings}");
        }
        WireBytes = body.Length;
        _reference = body;
        return decodeMs;
    }

    /// <summary>A buffer for one client's answers: one byte longer than the reference, so a longer answer shows.</summary>
    public byte[] NewBuffer() => new byte[_reference.Length + 1];

    /// <summary>One timed request (milliseconds to the last byte), its body checked against the reference.</summary>
    public async Task<double> TimeOneAsync(byte[] buffer)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.GetAsync(_path, HttpCompletionOption.ResponseHeadersRead);
        CheckEncoding(response);
        await using var body = await response.Content.ReadAsStreamAsync();
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
        }
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!buffer.AsSpan(0, length).SequenceEqual(_reference))
        {
            throw new InvalidOperationException($"{Label}: an answer of {length} bytes differed from the reference answer");
        }
        return ms;
    }

    /// <summary><paramref name="clients"/> concurrent clients, each making <paramref name="requests"/> sequential requests.</summary>
    public async Task<(List<double> Sorted, double Seconds)> RunAsync(int clients, int requests)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var buffer = NewBuffer();
            for (var i = 0; i < requests; i++)
            {
                var ms = await TimeOneAsync(buffer);
                lock (latencies)
                {
                    latencies.Add(ms);
                }
            }
        }));
        latencies.Sort();
        return (latencies, clock.Elapsed.TotalSeconds);
    }

    private async Task<byte[]> FetchAsync()
    {
        using var response = await _http.GetAsync(_path, HttpCompletionOption.ResponseContentRead);
        CheckEncoding(response);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private void CheckEncoding(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentEncoding.Contains("gzip") != Gzip)
        {
            throw new InvalidOperationException($"{Label}: answered with Content-Encoding '{string.Join(",", response.Content.Headers.ContentEncoding)}'");
        }
    }

    private int CountFindings(byte[] body)
    {
        using var json = Gzip ? new GZipStream(new MemoryStream(body), CompressionMode.Decompress) : (Stream)new MemoryStream(body);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetArrayLength();
    }

    public void Dispose() => _http.Dispose();
}
