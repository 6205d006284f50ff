using System.Text;

namespace Depwatch.Testing.TrivyDb;

/// <summary>An in-memory BoltDB bucket: values and nested buckets under keys kept in bytewise order.</summary>
public sealed class BoltBucket
{
    private readonly SortedDictionary<byte[], BoltEntry> _entries = new(BytewiseComparer.Instance);

    internal IEnumerable<KeyValuePair<byte[], BoltEntry>> Entries => _entries;

    /// <summary>Returns the nested bucket called <paramref name="name"/>, creating it when absent.</summary>
    public BoltBucket GetOrAddBucket(string name)
    {
        var key = Encoding.UTF8.GetBytes(name);
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new BoltEntry(null, new BoltBucket());
            _entries.Add(key, entry);
        }

        return entry.Bucket ?? throw new InvalidOperationException($"Key '{name}' holds a value, not a bucket.");
    }

    public void Put(string key, string value) => Put(key, Encoding.UTF8.GetBytes(value));

    public void Put(string key, byte[] value)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (_entries.TryGetValue(keyBytes, out var existing) && existing.Bucket is not null)
        {
            throw new InvalidOperationException($"Key '{key}' holds a bucket, not a value.");
        }

        _entries[keyBytes] = new BoltEntry(value, null);
    }
}

/// <summary>Exactly one of <see cref="Value"/> and <see cref="Bucket"/> is set.</summary>
internal sealed record BoltEntry(byte[]? Value, BoltBucket? Bucket);
