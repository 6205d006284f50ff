namespace Depwatch.Testing.TrivyDb;

/// <summary>A growing file image made of fixed-size pages, addressed by page id.</summary>
internal sealed class BoltPageFile(int pageSize)
{
    private readonly MemoryStream _image = new();

    public int PageSize => pageSize;

    /// <summary>The high-water mark: the id the next allocated page gets.</summary>
    public ulong PageCount => (ulong)(_image.Length / pageSize);

    public ulong Allocate(int pages)
    {
        var firstId = PageCount;
        _image.SetLength(_image.Length + (long)pages * pageSize);
        return firstId;
    }

    public Span<byte> Pages(ulong firstId, int count) =>
        _image.GetBuffer().AsSpan(checked((int)firstId * pageSize), count * pageSize);

    public byte[] ToArray() => _image.ToArray();
}
