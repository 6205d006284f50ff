using Depwatch.Trivy.Planning;
using Depwatch.Trivy.Rpc;

namespace Depwatch.Trivy;

/// <summary>The one place where Depwatch's types and Trivy's wire messages meet.</summary>
internal static partial class TrivyRpcMapper
{
    // Trivy stores and scans only blobs of this schema version.
    private const int BlobSchemaVersion = 2;

    public static PutBlobRequest ToPutBlobRequest(string blobId, ScanUnit unit)
    {
        var blob = new BlobInfo { SchemaVersion = BlobSchemaVersion };
        if (unit.Os is { } os)
        {
            blob.Os = new OS { Family = os.Family, Name = os.Version };
            blob.PackageInfos.Add(new PackageInfo { Packages = { unit.OsPackages.Select(ToWire) } });
        }
        foreach (var (type, packages) in unit.Applications)
        {
            blob.Applications.Add(new Application { Type = type, Packages = { packages.Select(ToWire) } });
        }
        return new PutBlobRequest { DiffId = blobId, BlobInfo = blob };
    }

    public static ScanRequest ToScanRequest(string blobId, string target, ScanUnit unit) => new()
    {
        Target = target,
        ArtifactId = blobId,
        BlobIds = { blobId },
        Options = new ScanOptions
        {
            PkgTypes = { unit.Os is null ? "library" : "os" },
            Scanners = { "vuln" },
        },
    };

    public static DeleteBlobsRequest ToDeleteBlobsRequest(string blobId) => new() { BlobIds = { blobId } };

    private static Package ToWire(TrivyPackage package) => new()
    {
        // The id is echoed as pkg_id by every server; bom_ref only by servers since 0.49.
        Id = package.Key,
        Identifier = new PkgIdentifier { BomRef = package.Key },
        Name = package.Name,
        Version = package.Version,
        Release = package.Release,
        Epoch = package.Epoch,
        Arch = package.Arch,
        SrcName = package.SrcName,
        SrcVersion = package.SrcVersion,
        SrcRelease = package.SrcRelease,
        SrcEpoch = package.SrcEpoch,
    };
}
