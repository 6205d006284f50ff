using System.Text.Json;
using Depwatch.Core.Sbom;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

/// <summary>
/// What a BOM's metadata says about the project it describes (Dependency-Track copies it onto the project): the same
/// in JSON and XML, and the described component is still read as a component.
/// </summary>
public sealed class BomMetadataTests
{
    private const string Json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {
          "authors": [{"name": "Build Bot", "email": "bot@example.com"}],
          "supplier": {"name": "Acme Supply", "url": ["https://supply.example.com"], "contact": [{"name": "Desk", "phone": "555-0100"}]},
          "manufacture": {"name": "Acme Legacy"},
          "tools": {"components": [{"group": "cyclonedx", "name": "cdxgen", "version": "11.0.0"}]},
          "component": {"type": "container", "bom-ref": "app", "name": "payments", "version": "2.0", "group": "acme",
            "author": "Ann Author", "authors": [{"name": "Bob Builder", "email": "bob@example.com", "phone": "555-0101"}],
            "publisher": "Acme Publishing", "supplier": {"name": "Acme", "url": ["https://acme.example.com"]},
            "manufacturer": {"name": "Acme Factory", "contact": [{"email": "factory@example.com"}]},
            "externalReferences": [{"type": "vcs", "url": "https://git.example.com/payments", "comment": "source"}],
            "cpe": "cpe:2.3:a:acme:payments:2.0:*:*:*:*:*:*:*", "swid": {"tagId": "swidgen-payments-2.0", "name": "payments"},
            "purl": "pkg:oci/payments@sha256%3Aabc", "description": "ignored here"}},
         "components": [{"name": "lodash", "version": "4.17.4"}]}
        """;

    private const string Xml = """
        <?xml version="1.0"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.6">
          <metadata>
            <tools><components><component type="application"><group>cyclonedx</group><name>cdxgen</name><version>11.0.0</version></component></components></tools>
            <authors><author><name>Build Bot</name><email>bot@example.com</email></author></authors>
            <component type="container" bom-ref="app">
              <supplier><name>Acme</name><url>https://acme.example.com</url></supplier>
              <manufacturer><name>Acme Factory</name><contact><email>factory@example.com</email></contact></manufacturer>
              <authors><author><name>Bob Builder</name><email>bob@example.com</email><phone>555-0101</phone></author></authors>
              <author>Ann Author</author>
              <publisher>Acme Publishing</publisher>
              <group>acme</group><name>payments</name><version>2.0</version>
              <cpe>cpe:2.3:a:acme:payments:2.0:*:*:*:*:*:*:*</cpe>
              <purl>pkg:oci/payments@sha256%3Aabc</purl>
              <swid tagId="swidgen-payments-2.0" name="payments"/>
              <externalReferences><reference type="vcs"><url>https://git.example.com/payments</url><comment>source</comment></reference></externalReferences>
            </component>
            <manufacture><name>Acme Legacy</name></manufacture>
            <supplier><name>Acme Supply</name><url>https://supply.example.com</url><contact><name>Desk</name><phone>555-0100</phone></contact></supplier>
          </metadata>
          <components><component type="library"><name>lodash</name><version>4.17.4</version></component></components>
        </bom>
        """;

    [Fact]
    public async Task The_described_components_people_references_and_identifiers_are_read()
    {
        var subject = (await ReadAsync(Json)).Metadata.Subject!;

        // The legacy author string comes first, as a contact of that name.
        Assert.Equal(["Ann Author", "Bob Builder"], subject.Authors.Select(a => a.Name));
        Assert.Equal(new BomContact("Bob Builder", "bob@example.com", "555-0101"), subject.Authors[1]);
        Assert.Equal("Acme Publishing", subject.Publisher);
        Assert.Equal(("Acme", "https://acme.example.com"), (subject.Supplier!.Name, subject.Supplier.Urls.Single()));
        Assert.Equal("factory@example.com", subject.Manufacturer!.Contacts.Single().Email);
        Assert.Equal(new BomExternalReference("vcs", "https://git.example.com/payments", "source"), subject.ExternalReferences.Single());
        Assert.Equal(("cpe:2.3:a:acme:payments:2.0:*:*:*:*:*:*:*", "swidgen-payments-2.0"), (subject.Cpe, subject.SwidTagId));
    }

    [Fact]
    public async Task The_documents_authors_supplier_and_manufacturer_are_read()
    {
        var metadata = (await ReadAsync(Json)).Metadata;

        Assert.Equal(new BomContact("Build Bot", "bot@example.com", null), metadata.Authors.Single());
        Assert.Equal(("Acme Supply", "Desk", "555-0100"), (metadata.Supplier!.Name, metadata.Supplier.Contacts.Single().Name, metadata.Supplier.Contacts.Single().Phone));
        Assert.Equal("Acme Legacy", metadata.Manufacture!.Name);
    }

    [Fact]
    public async Task Json_and_xml_say_the_same()
    {
        var json = await ReadAsync(Json);
        var xml = await ReadAsync(Xml);

        Assert.Equal(JsonSerializer.Serialize(json.Metadata), JsonSerializer.Serialize(xml.Metadata));
        Assert.Equal(("payments", "2.0", "acme"), (xml.MetadataComponent!.Name, xml.MetadataComponent.Version, xml.MetadataComponent.Group));
        Assert.Equal(json.MetadataComponent!.PurlText, xml.MetadataComponent.PurlText);
        Assert.Equal(["lodash"], xml.Components.Select(c => c.Name));
        Assert.Equal(["cdxgen"], xml.Tools.Select(t => t.Name));
    }

    [Fact]
    public async Task A_bom_without_a_described_component_describes_nothing()
    {
        var bom = await ReadAsync("""{"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"authors": []}, "components": []}""");

        Assert.Null(bom.Metadata.Subject);
        Assert.Empty(bom.Metadata.Authors);
    }

    [Fact]
    public async Task A_member_given_twice_in_the_described_component_is_refused()
    {
        await AssertFailsAsync("""
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": {"name": "a", "publisher": "x", "publisher": "y"}}}
            """, "duplicate 'publisher'", "$.metadata.component.publisher");
    }
}
