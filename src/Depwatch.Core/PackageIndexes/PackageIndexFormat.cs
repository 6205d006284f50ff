namespace Depwatch.Core.PackageIndexes;

public enum PackageIndexFormat
{
    /// <summary>A Debian or Ubuntu <c>Packages</c> file (deb822 paragraphs).</summary>
    DebianPackages,

    /// <summary>An Alpine <c>APKINDEX</c> (one letter per field), alone or inside <c>APKINDEX.tar.gz</c>.</summary>
    AlpineApkIndex,
}
