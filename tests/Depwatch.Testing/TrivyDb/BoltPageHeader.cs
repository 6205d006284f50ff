using System.Buffers.Binary;

namespace Depwatch.Testing.TrivyDb;

internal enum BoltPageType : ushort
{
    Branch = 0x01,
    Leaf = 0x02,
    Meta = 0x04,
    Freelist = 0x10,
}

/// <summary>The 16-byte header every page starts with: id, type, element count, extra pages.</summary>
internal static class BoltPageHeader
{
    public const int Size = 16;

    public static void Write(Span<byte> page, ulong id, BoltPageType type, int count, int overflow)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(page, id);
        BinaryPrimitives.WriteUInt16LittleEndian(page[8..], (ushort)type);
        BinaryPrimitives.WriteUInt16LittleEndian(page[10..], checked((ushort)count));
        BinaryPrimitives.WriteUInt32LittleEndian(page[12..], checked((uint)overflow));
    }
}
