namespace Depwatch.Server.Caching;

/// <summary>
/// A thread-safe map that never holds more than <paramref name="maxEntries"/> entries (nor, when
/// <paramref name="weigh"/> is given, more than <paramref name="maxWeight"/> in total): adding past either bound drops
/// the least recently used entries. Anything keyed by what a client sends lives in one of these, so no stream of
/// distinct keys can grow the process without end.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int maxEntries, long maxWeight = long.MaxValue, Func<TValue, long>? weigh = null)
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _nodes = [];

    // Most recently used first.
    private readonly LinkedList<Entry> _order = new();
    private long _weight;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
            value = default!;
            return false;
        }
    }

    /// <summary>Stores the value; one heavier than the whole bound is not kept (and drops what the key held).</summary>
    public void Set(TKey key, TValue value) => Update(key, _ => value);

    /// <summary>Replaces the entry with what <paramref name="change"/> makes of it (default when absent), atomically.</summary>
    /// <returns>The new value.</returns>
    public TValue Update(TKey key, Func<TValue?, TValue> change)
    {
        lock (_lock)
        {
            var current = _nodes.TryGetValue(key, out var existing) ? existing.Value.Value : default;
            var updated = change(current);
            RemoveNode(existing);
            var weight = weigh?.Invoke(updated) ?? 0;
            if (weight > maxWeight)
            {
                return updated;
            }
            _nodes[key] = _order.AddFirst(new Entry(key, updated, weight));
            _weight += weight;
            while (_nodes.Count > maxEntries || _weight > maxWeight)
            {
                RemoveNode(_order.Last);
            }
            return updated;
        }
    }

    public void Remove(TKey key)
    {
        lock (_lock)
        {
            RemoveNode(_nodes.GetValueOrDefault(key));
        }
    }

    private void RemoveNode(LinkedListNode<Entry>? node)
    {
        if (node is null)
        {
            return;
        }
        _order.Remove(node);
        _nodes.Remove(node.Value.Key);
        _weight -= node.Value.Weight;
    }

    private sealed record Entry(TKey Key, TValue Value, long Weight);
}
