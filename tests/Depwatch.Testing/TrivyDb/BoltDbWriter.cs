using System.Buffers.Binary;

namespace Depwatch.Testing.TrivyDb;

/// <summary>
/// Writes a BoltDB (bbolt) file from an in-memory bucket tree. Layout: pages 0 and 1 are the two
/// meta pages, page 2 an empty freelist, then one leaf node per bucket, children before parents
/// so a parent can record its children's page ids. The file is written once and never modified.
/// </summary>
public static class BoltDbWriter
{
    public const int PageSize = 4096;
    private const ulong FreelistPageId = 2;

    public static void Write(string path, BoltBucket root) => File.WriteAllBytes(path, Build(root));

    public static byte[] Build(BoltBucket root)
    {
        var file = new BoltPageFile(PageSize);
        file.Allocate(3);
        BoltPageHeader.Write(file.Pages(FreelistPageId, 1), FreelistPageId, BoltPageType.Freelist, count: 0, overflow: 0);

        var rootPageId = WriteBucket(file, root);
        // Both meta pages are identical but for the transaction id; readers use the valid one with the higher id.
        for (ulong metaPageId = 0; metaPageId < 2; metaPageId++)
        {
            var meta = new BoltMeta(PageSize, rootPageId, FreelistPageId, file.PageCount, TransactionId: metaPageId);
            BoltMetaPage.Write(file.Pages(metaPageId, 1), metaPageId, meta);
        }

        return file.ToArray();
    }

    private static ulong WriteBucket(BoltPageFile file, BoltBucket bucket)
    {
        var elements = bucket.Entries.Select(entry => ToLeafElement(file, entry)).ToList();
        return BoltLeafNode.Write(file, elements);
    }

    private static LeafElement ToLeafElement(BoltPageFile file, KeyValuePair<byte[], BoltEntry> entry) =>
        entry.Value.Bucket is { } child
            ? new LeafElement(entry.Key, BucketHeader(WriteBucket(file, child)), IsBucket: true)
            : new LeafElement(entry.Key, entry.Value.Value!, IsBucket: false);

    /// <summary>A nested bucket's value: {root page id, sequence}; a non-zero root means "not inline".</summary>
    private static byte[] BucketHeader(ulong rootPageId)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(header, rootPageId);
        return header;
    }
}
