namespace Depwatch.Core.Sbom;

/// <summary>Remembers which of an object's known members were already seen, to reject duplicates.</summary>
internal struct MemberSet(string[] knownMembers)
{
    private ulong _seen;

    /// <summary>False when <paramref name="member"/> is known and was seen before.</summary>
    public bool TryAdd(string member)
    {
        var index = Array.IndexOf(knownMembers, member);
        if (index < 0)
        {
            return true;
        }
        var bit = 1UL << index;
        var isNew = (_seen & bit) == 0;
        _seen |= bit;
        return isNew;
    }

    public static BomFormatException Duplicate(string member, string location) =>
        new($"duplicate '{member}'", location);
}
