namespace Depwatch.Testing.TrivyDb;

/// <summary>Orders keys the way BoltDB does: by unsigned byte value, shorter prefix first.</summary>
internal sealed class BytewiseComparer : IComparer<byte[]>
{
    public static readonly BytewiseComparer Instance = new();

    public int Compare(byte[]? x, byte[]? y) =>
        ((ReadOnlySpan<byte>)(x ?? [])).SequenceCompareTo(y ?? []);
}
