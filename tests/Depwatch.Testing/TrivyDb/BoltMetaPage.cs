using System.Buffers.Binary;

namespace Depwatch.Testing.TrivyDb;

internal readonly record struct BoltMeta(int PageSize, ulong RootPageId, ulong FreelistPageId, ulong HighWaterPageId, ulong TransactionId);

/// <summary>
/// Writes a meta page: after the page header come magic, version, page size, flags, the root bucket
/// header {root page, sequence}, the freelist page, the high-water page id, the transaction id and
/// an FNV-1a 64 checksum of all the preceding meta fields.
/// </summary>
internal static class BoltMetaPage
{
    public const uint Magic = 0xED0CDAED;
    public const uint FormatVersion = 2;
    public const int ChecksummedLength = 56;

    public static void Write(Span<byte> page, ulong pageId, BoltMeta meta)
    {
        BoltPageHeader.Write(page, pageId, BoltPageType.Meta, count: 0, overflow: 0);
        var fields = page[BoltPageHeader.Size..];
        BinaryPrimitives.WriteUInt32LittleEndian(fields, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[4..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[8..], (uint)meta.PageSize);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[12..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(fields[16..], meta.RootPageId);
        BinaryPrimitives.WriteUInt64LittleEndian(fields[24..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(fields[32..], meta.FreelistPageId);
        BinaryPrimitives.WriteUInt64LittleEndian(fields[40..], meta.HighWaterPageId);
        BinaryPrimitives.WriteUInt64LittleEndian(fields[48..], meta.TransactionId);
        BinaryPrimitives.WriteUInt64LittleEndian(fields[ChecksummedLength..], Fnv1a64(fields[..ChecksummedLength]));
    }

    public static ulong Fnv1a64(ReadOnlySpan<byte> data)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 0x100000001b3UL;
        }

        return hash;
    }
}
