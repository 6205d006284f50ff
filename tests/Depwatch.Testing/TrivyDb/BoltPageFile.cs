namespace Depwatch.Testing.TrivyDb;

/// <summary>A growing file image made of fixed-size pages, addressed by page id.</summary>
internal sealed class BoltPageFile(int pageSize)
{
    private readonly MemoryStream image = new();

    public int PageSize => pageSize;

    /// <summary>The high-water mark: the id the next allocated page gets.</summary>
    public ulong PageCount => (ulong)(image.Length / pageSize);

    public ulong Allocate(int pages)
    {
        var firstId = PageCount;
        image.SetLength(image.Length + (long)pages * pageSize);
        return firstId;
    }

    public Span<byte> Pages(ulong firstId, int count) =>
        image.GetBuffer().AsSpan(checked((int)firstId * pageSize), count * pageSize);

    public byte[] ToArray() => image.ToArray();
}
