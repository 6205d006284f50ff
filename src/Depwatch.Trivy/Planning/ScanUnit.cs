namespace Depwatch.Trivy.Planning;

/// <summary>What one PutBlob → Scan → DeleteBlobs round sends: OS packages of one distribution, or language packages.</summary>
internal sealed record ScanUnit(
    OperatingSystem? Os,
    IReadOnlyList<TrivyPackage> OsPackages,
    IReadOnlyList<(string Type, IReadOnlyList<TrivyPackage> Packages)> Applications)
{
    public int PackageCount => OsPackages.Count + Applications.Sum(a => a.Packages.Count);
}

/// <summary>An operating system as Trivy names it: family (<c>debian</c>) and version (<c>12.5</c>).</summary>
internal sealed record OperatingSystem(string Family, string Version);
