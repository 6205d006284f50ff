using Depwatch.Core.PackageIndexes;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Core.Tests.PackageIndexes;

/// <summary>The mirrors' index files, in every form they are published in, read into the same binary → source map.</summary>
public sealed class PackageIndexReaderTests
{
    private const string DebianMain = "debian/dists/bookworm/main/binary-amd64/";
    private const string AlpineMain = "alpine/v3.19/main/x86_64/";

    private static readonly DistributionRelease s_bookworm = DistributionRelease.Parse("debian-12")!;
    private static readonly DistributionRelease s_alpine = DistributionRelease.Parse("alpine-3.19")!;

    [Theory]
    [InlineData(DebianMain + "Packages")]
    [InlineData(DebianMain + "Packages.gz")]
    [InlineData(DebianMain + "Packages.xz")]
    public void Every_form_of_a_debian_packages_file_gives_the_binaries_sources(string file)
    {
        var (index, format, entries) = Read(s_bookworm, file);

        Assert.Equal(PackageIndexFormat.DebianPackages, format);
        Assert.Equal(31, entries);
        Assert.Equal(new IndexedSource("openssl", "3.0.11-1~deb12u2"), index.Find("libssl3", "3.0.11-1~deb12u2"));
        Assert.Equal(new IndexedSource("shadow", "1:4.13+dfsg1-1"), index.Find("login", "1:4.13+dfsg1-1+b1"));
        Assert.Equal(new IndexedSource("glibc", "2.36-9+deb12u4"), index.Find("libc6", "2.36-9+deb12u4"));
        Assert.Equal(new IndexedSource("curl", "7.88.1-10+deb12u5"), index.Find("curl", "7.88.1-10+deb12u5"));
    }

    [Theory]
    [InlineData(AlpineMain + "APKINDEX")]
    [InlineData(AlpineMain + "APKINDEX.tar.gz")]
    public void An_apkindex_plain_or_signed_and_gzipped_gives_each_packages_origin(string file)
    {
        var (index, format, entries) = Read(s_alpine, file);

        Assert.Equal(PackageIndexFormat.AlpineApkIndex, format);
        Assert.Equal(14, entries);
        Assert.Equal(new IndexedSource("openssl", "3.1.4-r5"), index.Find("libcrypto3", "3.1.4-r5"));
        Assert.Equal(new IndexedSource("busybox", "1.36.1-r15"), index.Find("ssl_client", "1.36.1-r15"));
        Assert.Equal(new IndexedSource("pax-utils", "1.3.7-r2"), index.Find("scanelf", "1.3.7-r2"));
    }

    [Fact]
    public void Several_suites_merge_into_one_release_index()
    {
        var builder = new SourceIndexBuilder(s_bookworm);
        Read(builder, DebianMain + "Packages.xz");
        Read(builder, "debian-security/dists/bookworm-security/main/binary-amd64/Packages.xz");
        Read(builder, DebianMain + "Packages.gz");

        var index = builder.Build();

        Assert.Equal(33, index.Count);
        Assert.Equal(new IndexedSource("openssl", "3.0.15-1~deb12u1"), index.Find("libssl3", "3.0.15-1~deb12u1"));
        Assert.Equal(new IndexedSource("openssl", "3.0.11-1~deb12u2"), index.Find("libssl3", "3.0.11-1~deb12u2"));
    }

    [Theory]
    [InlineData(DebianMain + "Packages.xz", 2)]
    [InlineData(DebianMain + "Packages.gz", 2)]
    [InlineData(DebianMain + "Packages.gz", 1.003)]
    [InlineData(AlpineMain + "APKINDEX.tar.gz", 2)]
    [InlineData(AlpineMain + "APKINDEX.tar.gz", 1.01)]
    public void A_file_cut_short_is_refused_as_such(string file, double fraction)
    {
        var bytes = File.ReadAllBytes(Fixture(file));
        var cut = bytes[..(int)(bytes.Length / fraction)];

        var error = Assert.Throws<PackageIndexFormatException>(() => PackageIndexReader.Read(new MemoryStream(cut), new SourceIndexBuilder(s_bookworm)));

        Assert.Contains("cut short", error.Message);
    }

    [Theory]
    [InlineData("<html><body>Not found</body></html>", "neither a Debian Packages file nor an Alpine APKINDEX: it starts with '<html>")]
    [InlineData("Package: a\nVersion: 1\n\nPackage: b\n\n", "the entry ending at line 5 lacks its Package or Version field")]
    [InlineData("Package: a\nthis is not a field\n", "line 2 is not a 'Field: value' line: 'this is not a field'")]
    [InlineData("P:a\nV:1\nnonsense\n", "line 3 is not an 'X:value' line")]
    public void Content_that_is_no_index_is_refused_saying_where(string content, string expected)
    {
        var error = Assert.Throws<PackageIndexFormatException>(() =>
            PackageIndexReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), new SourceIndexBuilder(s_bookworm)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Apts_own_lz4_lists_are_refused_with_a_way_to_read_them()
    {
        byte[] lz4 = [0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7];

        var error = Assert.Throws<PackageIndexFormatException>(() => PackageIndexReader.Read(new MemoryStream(lz4), new SourceIndexBuilder(s_bookworm)));

        Assert.Contains("apt-helper cat-file", error.Message);
    }

    [Fact]
    public void An_index_that_inflates_past_the_cap_is_refused()
    {
        using var file = File.OpenRead(Fixture(DebianMain + "Packages.xz"));

        var error = Assert.Throws<PackageIndexFormatException>(() =>
            PackageIndexReader.Read(file, new SourceIndexBuilder(s_bookworm), maxUncompressedBytes: 4096));

        Assert.Contains("larger than", error.Message);
    }

    [Fact]
    public void Windows_line_ends_and_lower_case_field_names_are_read()
    {
        var content = "package: libc6\r\nsource: glibc\r\nversion: 2.36-9\r\n\r\n";

        var builder = new SourceIndexBuilder(s_bookworm);
        PackageIndexReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), builder);

        Assert.Equal(new IndexedSource("glibc", "2.36-9"), builder.Build().Find("libc6", "2.36-9"));
    }

    private static (SourceIndex Index, PackageIndexFormat Format, int Entries) Read(DistributionRelease release, string file)
    {
        var builder = new SourceIndexBuilder(release);
        var (format, entries) = Read(builder, file);
        return (builder.Build(), format, entries);
    }

    private static (PackageIndexFormat, int) Read(SourceIndexBuilder builder, string file)
    {
        using var stream = File.OpenRead(Fixture(file));
        return PackageIndexReader.Read(stream, builder);
    }

    private static string Fixture(string file) => RepositoryRoot.PathOf("testdata", "package-indexes", file);
}
