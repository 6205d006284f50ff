namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// The source package a binary package was built from, as a package index tells it. <paramref name="Version"/> is
/// the full version (<c>1:4.13+dfsg1-1</c>), or null when the index knows the binary only at other versions and
/// cannot tell how this version's source is numbered.
/// </summary>
public readonly record struct IndexedSource(string Name, string? Version);
