using Depwatch.Core.PackageIndexes;

namespace Depwatch.Core.Tests.PackageIndexes;

/// <summary>
/// An index lists only the versions its release ships today, while an SBOM describes a system built some time ago:
/// other versions of a listed binary get their source the way the listed versions do.
/// </summary>
public sealed class SourceIndexTests
{
    private static readonly SourceIndex s_index = Build(
        ("libssl3", "3.0.15-1~deb12u1", "openssl", ""),
        ("bash", "5.2.15-2+b7", "bash", "5.2.15-2"),
        ("login", "1:4.13+dfsg1-1+b1", "shadow", "1:4.13+dfsg1-1"),
        ("gcc", "4:12.2.0-3", "gcc-defaults", "1.203"),
        ("tar", "1.34+dfsg-1.2+deb12u1", "", ""));

    [Theory]
    [InlineData("libssl3", "3.0.15-1~deb12u1", "openssl", "3.0.15-1~deb12u1")]
    [InlineData("gcc", "4:12.2.0-3", "gcc-defaults", "1.203")]
    [InlineData("tar", "1.34+dfsg-1.2+deb12u1", "tar", "1.34+dfsg-1.2+deb12u1")]
    public void A_listed_version_gets_its_listed_source(string binary, string version, string source, string sourceVersion) =>
        Assert.Equal(new IndexedSource(source, sourceVersion), s_index.Find(binary, version));

    [Theory]
    [InlineData("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2")]
    [InlineData("bash", "5.2.15-2+b2", "bash", "5.2.15-2")]
    [InlineData("bash", "5.2.21-2", "bash", "5.2.21-2")]
    [InlineData("login", "1:4.13+dfsg1-1+deb12u1", "shadow", "1:4.13+dfsg1-1+deb12u1")]
    public void Another_version_gets_the_same_source_numbered_the_same_way(string binary, string version, string source, string sourceVersion) =>
        Assert.Equal(new IndexedSource(source, sourceVersion), s_index.Find(binary, version));

    [Fact]
    public void A_source_numbered_apart_from_its_binaries_is_named_without_a_version() =>
        Assert.Equal(new IndexedSource("gcc-defaults", null), s_index.Find("gcc", "4:12.2.0-2"));

    [Fact]
    public void An_unlisted_binary_is_not_found() =>
        Assert.Null(s_index.Find("libssl1.1", "1.1.1w-0+deb11u1"));

    [Fact]
    public void Repeated_entries_are_held_once_and_text_is_shared()
    {
        var builder = new SourceIndexBuilder(DistributionRelease.Parse("debian-12")!);
        builder.Add("libc6", "2.36-9", "glibc", "");
        builder.Add("libc6", "2.36-9", "glibc", "");
        builder.Add("libc-bin", "2.36-9", "glibc", "");

        var index = builder.Build();

        Assert.Equal((2, 2), (index.Count, index.BinaryCount));
        Assert.Same(index.Find("libc6", "2.36-9")!.Value.Name, index.Find("libc-bin", "2.36-9")!.Value.Name);
    }

    private static SourceIndex Build(params (string Binary, string Version, string Source, string SourceVersion)[] entries)
    {
        var builder = new SourceIndexBuilder(DistributionRelease.Parse("debian-12")!);
        foreach (var (binary, version, source, sourceVersion) in entries)
        {
            builder.Add(binary, version, source, sourceVersion);
        }
        return builder.Build();
    }
}
