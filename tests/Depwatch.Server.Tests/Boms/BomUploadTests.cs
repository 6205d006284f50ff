using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Core.Components;
using Depwatch.Core.Purl;
using Depwatch.Server.Auth;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Sboms;

namespace Depwatch.Server.Tests.Boms;

/// <summary>Accepted uploads: both endpoints, token polling, and the inventory they leave.</summary>
public abstract class BomUploadTests(StorageKind storage) : IAsyncLifetime
{
    private const string DebPurl = "pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12.5&arch=amd64";

    private DepwatchApplication _app = null!;

    [Fact]
    public async Task A_put_upload_is_processed_and_every_component_stored()
    {
        var client = _app.CreateClient();
        var bom = new BomBuilder("1.6")
            .WithMetadataComponent("shop", "1.0")
            .WithOperatingSystem("debian", "12.5")
            .WithComponent("openssl", "3.0.11-1~deb12u2", purl: DebPurl, bomRef: "deb-openssl", properties: new ComponentProperty("aquasecurity:trivy:SrcName", "openssl"))
            .WithComponent("commons-text", "1.9", group: "org.apache.commons", purl: "pkg:maven/org.apache.commons/commons-text@1.9")
            .WithNested("inner", "2.0", purl: "pkg:npm/inner@2.0")
            .WithComponent("custom-lib", "0.1")
            .WithComponent("broken", "1", purl: "pkg:/no-type@1")
            .ToJson();

        var token = await BomApi.TokenAsync(await BomApi.PutAsync(client, bom, "shop"));
        await BomApi.WaitUntilProcessedAsync(client, token);

        var project = await BomApi.ProjectAsync(_app, "shop");
        Assert.NotNull(project);
        Assert.Equal("CycloneDX 1.6", project.LastBomImportFormat);
        Assert.NotNull(project.LastBomImport);
        var components = (await BomApi.ComponentsAsync(_app, project.Id)).ToDictionary(c => c.Name);
        Assert.Equal(["broken", "commons-text", "custom-lib", "debian", "inner", "openssl"], components.Keys.Order());
        var openssl = components["openssl"];
        Assert.Equal(PackageUrl.Parse(DebPurl).ToString(), openssl.Purl);
        Assert.Equal(openssl.Purl, openssl.Identity);
        Assert.Equal("deb-openssl", openssl.BomRef);
        Assert.Equal("LIBRARY", openssl.Type);
        Assert.Equal("""[{"name":"aquasecurity:trivy:SrcName","value":"openssl"}]""", openssl.PropertiesJson);
        Assert.Equal(("org.apache.commons", "1.9"), (components["commons-text"].Group, components["commons-text"].Version));
        Assert.Equal(("OPERATING_SYSTEM", "debian@12.5"), (components["debian"].Type, components["debian"].Identity));
        Assert.Equal("custom-lib@0.1", components["custom-lib"].Identity);
        Assert.Equal("pkg:/no-type@1", components["broken"].Purl);
        Assert.NotNull(components["broken"].PurlError);
    }

    [Fact]
    public async Task A_multipart_post_of_an_xml_bom_is_processed()
    {
        var client = _app.CreateClient();
        var bom = new BomBuilder("1.4")
            .WithComponent("lodash", "4.17.20", purl: "pkg:npm/lodash@4.17.20")
            .WithComponent("left-pad", "1.3.0", purl: "pkg:npm/left-pad@1.3.0")
            .ToXml();

        var token = await BomApi.TokenAsync(await BomApi.PostAsync(client, bom, "xml-app", projectVersion: null, fileName: "bom.xml"));
        await BomApi.WaitUntilProcessedAsync(client, token);

        var project = await BomApi.ProjectAsync(_app, "xml-app", version: null);
        Assert.NotNull(project);
        Assert.Null(project.Version);
        Assert.Equal("CycloneDX 1.4", project.LastBomImportFormat);
        Assert.Equal(["pkg:npm/left-pad@1.3.0", "pkg:npm/lodash@4.17.20"], (await BomApi.ComponentsAsync(_app, project.Id)).Select(c => c.Identity));
    }

    [Fact]
    public async Task An_upload_to_an_existing_project_by_uuid_replaces_its_inventory()
    {
        var client = _app.CreateClient();
        var first = await BomApi.TokenAsync(await BomApi.PutAsync(client, Npm(("a", "1")), "by-uuid"));
        await BomApi.WaitUntilProcessedAsync(client, first);
        var project = (await BomApi.ProjectAsync(_app, "by-uuid"))!;

        var second = await BomApi.TokenAsync(await client.PutAsJsonAsync("/api/v1/bom", new
        {
            project = project.Id,
            bom = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Npm(("b", "1")))),
        }));
        await BomApi.WaitUntilProcessedAsync(client, second);

        Assert.Equal(["pkg:npm/b@1"], (await BomApi.ComponentsAsync(_app, project.Id)).Select(c => c.Identity));
    }

    [Fact]
    public async Task A_new_bom_keeps_unchanged_components_and_their_findings_and_drops_vanished_ones()
    {
        var client = _app.CreateClient();
        var first = new BomBuilder("1.5")
            .WithComponent("lodash", "4.17.20", purl: "pkg:npm/lodash@4.17.20", properties: new ComponentProperty("note", "one"))
            .WithComponent("express", "4.0.0", purl: "pkg:npm/express@4.0.0")
            .WithComponent("left-pad", "1.0.0", purl: "pkg:npm/left-pad@1.0.0")
            .ToJson();
        await BomApi.WaitUntilProcessedAsync(client, await BomApi.TokenAsync(await BomApi.PutAsync(client, first, "evolving")));
        var project = (await BomApi.ProjectAsync(_app, "evolving"))!;
        var before = (await BomApi.ComponentsAsync(_app, project.Id)).ToDictionary(c => c.Identity);
        await AddFindingAsync(project.Id, before["pkg:npm/lodash@4.17.20"].Id, "CVE-2021-23337");
        await AddFindingAsync(project.Id, before["pkg:npm/left-pad@1.0.0"].Id, "CVE-2000-0001");

        var second = new BomBuilder("1.5")
            .WithComponent("lodash", "4.17.20", purl: "pkg:npm/lodash@4.17.20", properties: new ComponentProperty("note", "two"))
            .WithComponent("express", "4.0.1", purl: "pkg:npm/express@4.0.1")
            .WithComponent("chalk", "5.0.0", purl: "pkg:npm/chalk@5.0.0")
            .ToJson();
        await BomApi.WaitUntilProcessedAsync(client, await BomApi.TokenAsync(await BomApi.PostAsync(client, second, "evolving")));

        var after = (await BomApi.ComponentsAsync(_app, project.Id)).ToDictionary(c => c.Identity);
        Assert.Equal(["pkg:npm/chalk@5.0.0", "pkg:npm/express@4.0.1", "pkg:npm/lodash@4.17.20"], after.Keys.Order());
        Assert.Equal(before["pkg:npm/lodash@4.17.20"].Id, after["pkg:npm/lodash@4.17.20"].Id);
        Assert.Contains("two", after["pkg:npm/lodash@4.17.20"].PropertiesJson);
        Assert.DoesNotContain(before.Values.Select(c => c.Id), id => id == after["pkg:npm/express@4.0.1"].Id);
        await using var db = JobDatabase.Open(_app);
        Assert.Equal([after["pkg:npm/lodash@4.17.20"].Id], db.Findings.Where(f => f.ProjectId == project.Id).Select(f => f.ComponentId).ToArray());
    }

    [Fact]
    public async Task Components_with_the_same_coordinates_are_told_apart_and_keep_their_ids()
    {
        var client = _app.CreateClient();
        var bom = new BomBuilder("1.6")
            .WithComponent("dup", "1.0", bomRef: "first")
            .WithComponent("dup", "1.0", bomRef: "second")
            .WithComponent("twin", "2.0")
            .WithComponent("twin", "2.0")
            .ToJson();

        await BomApi.WaitUntilProcessedAsync(client, await BomApi.TokenAsync(await BomApi.PutAsync(client, bom, "dups")));
        var project = (await BomApi.ProjectAsync(_app, "dups"))!;
        var before = await BomApi.ComponentsAsync(_app, project.Id);
        await BomApi.WaitUntilProcessedAsync(client, await BomApi.TokenAsync(await BomApi.PutAsync(client, bom, "dups")));
        var after = await BomApi.ComponentsAsync(_app, project.Id);

        Assert.Equal(["dup@1.0#first", "dup@1.0#second", "twin@2.0", "twin@2.0#2"], before.Select(c => c.Identity));
        Assert.Equal(before.Select(c => c.Id), after.Select(c => c.Id));
    }

    [Fact]
    public async Task Both_token_paths_answer_processing_and_reject_a_malformed_uuid()
    {
        var client = _app.CreateClient();
        var unknown = Guid.NewGuid();

        foreach (var path in new[] { "/api/v1/event/token", "/api/v1/bom/token" })
        {
            var status = await client.GetFromJsonAsync<JsonObject>($"{path}/{unknown}");
            Assert.Equal("""{"processing":false}""", status!.ToJsonString());
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{path}/not-a-uuid")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(apiKey: null).GetAsync($"{path}/{unknown}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_event_token_path_needs_no_permission_but_the_bom_token_path_needs_bom_upload()
    {
        var noPermissions = await BomApi.ClientWithAsync(_app);
        var uploader = await BomApi.ClientWithAsync(_app, Permissions.BomUpload);
        var token = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.OK, (await noPermissions.GetAsync($"/api/v1/event/token/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await noPermissions.GetAsync($"/api/v1/bom/token/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await uploader.GetAsync($"/api/v1/bom/token/{token}")).StatusCode);
    }

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(storage);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Npm(params (string Name, string Version)[] packages)
    {
        var builder = new BomBuilder("1.6");
        foreach (var (name, version) in packages)
        {
            builder.WithComponent(name, version, purl: $"pkg:npm/{name}@{version}");
        }
        return builder.ToJson();
    }

    private async Task AddFindingAsync(Guid projectId, Guid componentId, string cve)
    {
        await using var db = JobDatabase.Open(_app);
        var vulnerability = new VulnerabilityEntity { Id = Guid.NewGuid(), Source = "NVD", VulnId = cve, Created = DateTimeOffset.UtcNow };
        db.Vulnerabilities.Add(vulnerability);
        db.Findings.Add(new FindingEntity
        {
            Id = Guid.NewGuid(), ProjectId = projectId, ComponentId = componentId, VulnerabilityId = vulnerability.Id, AttributedOn = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}

public sealed class BomUploadOnSqlite() : BomUploadTests(StorageKind.Sqlite);

public sealed class BomUploadOnPostgres() : BomUploadTests(StorageKind.Postgres);
