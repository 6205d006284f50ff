using System.Net;
using System.Net.Sockets;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

/// <summary>DTDs, and with them every external entity or entity expansion, are refused before anything is resolved.</summary>
public sealed class XmlSecurityTests
{
    private const string Declaration = """<?xml version="1.0" encoding="UTF-8"?>""";

    private const string BomWithEntity =
        """<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&xxe;</name></component></components></bom>""";

    [Fact]
    public async Task Rejects_an_external_file_entity_without_reading_the_file()
    {
        var document = $"{Declaration}\n<!DOCTYPE bom [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n{BomWithEntity}";

        var failure = await FailureAsync(document);

        Assert.Equal("DTDs are not allowed", failure.Problem);
        Assert.Equal("line 2, position 1", failure.Location);
        Assert.DoesNotContain("root:", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public Task Locates_a_doctype_after_comments_and_processing_instructions() => AssertFailsAsync(
        $"{Declaration}\n<!-- generated\n     by hand -->\n<?tool x?>  <!DOCTYPE bom>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
        "DTDs are not allowed", "line 4, position 13");

    [Fact]
    public Task Rejects_entity_expansion() => AssertFailsAsync(
        "<!DOCTYPE bom [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n" + BomWithEntity.Replace("&xxe;", "&b;", StringComparison.Ordinal),
        "DTDs are not allowed", "line 1, position 1");

    [Theory]
    [InlineData("<!DOCTYPE bom [<!ENTITY xxe SYSTEM \"{0}\">]>")]
    [InlineData("<!DOCTYPE bom SYSTEM \"{0}\">")]
    [InlineData("<!DOCTYPE bom [<!ENTITY % remote SYSTEM \"{0}\"> %remote;]>")]
    public async Task Never_fetches_an_external_entity_or_dtd(string doctype)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/payload";

        var failure = await FailureAsync($"{Declaration}\n{string.Format(doctype, url)}\n{BomWithEntity}");

        Assert.Equal("DTDs are not allowed", failure.Problem);
        await Task.Delay(100);
        Assert.False(listener.Pending(), "the reader connected to the entity's URL");
    }

    [Fact]
    public async Task Rejects_a_doctype_beyond_the_first_buffer_with_the_same_message()
    {
        var longComment = $"<!-- {new string('x', 40_000)} -->";
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/payload";

        var failure = await FailureAsync($"{Declaration}\n{longComment}\n<!DOCTYPE bom SYSTEM \"{url}\">\n{BomWithEntity}");

        Assert.Equal("DTDs are not allowed", failure.Problem);
        Assert.Equal("the XML prolog", failure.Location);
        Assert.False(listener.Pending(), "the reader connected to the DTD's URL");
    }

    [Fact]
    public Task Rejects_an_undeclared_entity() => AssertFailsAsync(
        $"{Declaration}\n{BomWithEntity}",
        "malformed XML: Reference to undeclared entity 'xxe'.", "line 2, position 95");
}
