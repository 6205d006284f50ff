using System.Buffers.Binary;

namespace Depwatch.Testing.TrivyDb;

internal readonly record struct LeafElement(byte[] Key, byte[] Value, bool IsBucket);

/// <summary>
/// Writes one leaf node: the page header, one 16-byte header per element {flags, pos, ksize, vsize},
/// then each key followed by its value. A node larger than a page spills into the following pages
/// and records how many in the header's overflow count.
/// </summary>
internal static class BoltLeafNode
{
    private const int ElementHeaderSize = 16;
    private const uint BucketFlag = 0x01;

    /// <summary>Writes the elements (already in key order) to fresh pages and returns the first page id.</summary>
    public static ulong Write(BoltPageFile file, IReadOnlyList<LeafElement> elements)
    {
        var size = BoltPageHeader.Size + (elements.Count * ElementHeaderSize) + elements.Sum(e => e.Key.Length + e.Value.Length);
        var pageCount = Math.Max(1, (size + file.PageSize - 1) / file.PageSize);
        var id = file.Allocate(pageCount);
        var node = file.Pages(id, pageCount);
        BoltPageHeader.Write(node, id, BoltPageType.Leaf, elements.Count, overflow: pageCount - 1);

        var dataOffset = BoltPageHeader.Size + (elements.Count * ElementHeaderSize);
        for (var i = 0; i < elements.Count; i++)
        {
            var headerOffset = BoltPageHeader.Size + (i * ElementHeaderSize);
            dataOffset = WriteElement(node, headerOffset, dataOffset, elements[i]);
        }

        return id;
    }

    private static int WriteElement(Span<byte> node, int headerOffset, int dataOffset, LeafElement element)
    {
        var header = node[headerOffset..];
        BinaryPrimitives.WriteUInt32LittleEndian(header, element.IsBucket ? BucketFlag : 0);
        // The position is relative to the element header itself, not to the page.
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(dataOffset - headerOffset));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)element.Key.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)element.Value.Length);

        element.Key.CopyTo(node[dataOffset..]);
        element.Value.CopyTo(node[(dataOffset + element.Key.Length)..]);
        return dataOffset + element.Key.Length + element.Value.Length;
    }
}
