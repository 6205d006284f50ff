namespace Depwatch.Core.Sbom;

/// <summary>A component's place in the inventory and its key.</summary>
internal readonly record struct ComponentSlot(int Index, string Key)
{
    public const int MetadataIndex = -1;
}
