namespace Depwatch.Core.PackageIndexes;

/// <summary>The package indexes at hand, one merged <see cref="SourceIndex"/> per distribution release.</summary>
public interface IPackageIndexes
{
    /// <summary>The index of <paramref name="release"/>, or null when none is at hand.</summary>
    SourceIndex? For(DistributionRelease release);
}

/// <summary>A fixed set of indexes, e.g. those a command line names.</summary>
public sealed class PackageIndexSet(IEnumerable<SourceIndex> indexes) : IPackageIndexes
{
    private readonly Dictionary<DistributionRelease, SourceIndex> _indexes = indexes.ToDictionary(i => i.Release);

    public static PackageIndexSet Empty { get; } = new([]);

    public IReadOnlyCollection<DistributionRelease> Releases => _indexes.Keys;

    public SourceIndex? For(DistributionRelease release) => _indexes.GetValueOrDefault(release);
}
