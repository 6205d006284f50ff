using Depwatch.Core.Components;

namespace Depwatch.Core.Tests.Sbom;

/// <summary>What testdata/boms/spec/bom-{version}.json and .xml hold; both formats of a version hold the same.</summary>
internal static class ExpectedSpecBoms
{
    public static BomSummary For(string version) => version switch
    {
        "1.2" => Spec12(),
        "1.3" => Spec13(),
        "1.4" => Spec14(),
        "1.5" => Spec15(),
        "1.6" => Spec16(),
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    private static BomSummary Spec12()
    {
        const string app = "pkg:maven/com.example/inventory-service@1.4.0?type=jar";
        const string log4j = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar";
        const string boot = "pkg:maven/org.springframework.boot/spring-boot@2.5.0?type=jar";
        const string core = "pkg:maven/org.springframework/spring-core@5.3.7?type=jar";
        const string beans = "pkg:maven/org.springframework/spring-beans@5.3.7?type=jar";
        return new BomSummary(
            "1.2", "urn:uuid:0b6f5c1a-2d3e-4f50-8a61-7b8c9d0e1f21", 1,
            new("0", ComponentType.Application, app, "com.example", "inventory-service", "1.4.0", app),
            [
                new("1", ComponentType.Library, log4j, "org.apache.logging.log4j", "log4j-core", "2.14.1", log4j),
                new("2", ComponentType.Framework, boot, "org.springframework.boot", "spring-boot", "2.5.0", boot),
                new("3", ComponentType.Library, core, "org.springframework", "spring-core", "5.3.7", core),
                new("4", ComponentType.Library, beans, "org.springframework", "spring-beans", "5.3.7", beans),
                new("5", ComponentType.File, "file:config/application.yml", null, "config/application.yml", "2021-06-14", null),
            ],
            ["CycloneDX/cyclonedx-maven-plugin@2.5.3"],
            [$"{app} -> {log4j}, {boot}", $"{boot} -> {core}, {beans}", $"{log4j} ->"]);
    }

    private static BomSummary Spec13() => new(
        "1.3", "urn:uuid:7d2a9e4c-6b1f-4c3a-9d8e-2f4a6b8c0d13", 2,
        new("0", ComponentType.Application, "web-shop@3.2.0", null, "web-shop", "3.2.0", "pkg:npm/web-shop@3.2.0"),
        [
            new("1", ComponentType.Library, "express@4.17.1", null, "express", "4.17.1", "pkg:npm/express@4.17.1",
                "cdx:npm:package:path=node_modules/express"),
            new("2", ComponentType.Library, "express@4.17.1|body-parser@1.19.0", null, "body-parser", "1.19.0",
                "pkg:npm/body-parser@1.19.0",
                "cdx:npm:package:bundled=true; cdx:npm:package:path=node_modules/express/node_modules/body-parser"),
            new("3", ComponentType.Library, "@babel/core@7.14.3", "@babel", "core", "7.14.3",
                "pkg:npm/%40babel/core@7.14.3", "cdx:npm:package:development=true"),
            new("4", ComponentType.Library, "lodash@4.17.20", null, "lodash", "4.17.20", "pkg:npm/lodash@4.17.20"),
        ],
        ["@cyclonedx/cyclonedx-npm@1.2.0", "npm/npm@8.5.0"],
        [
            "web-shop@3.2.0 -> express@4.17.1, @babel/core@7.14.3, lodash@4.17.20",
            "express@4.17.1 -> express@4.17.1|body-parser@1.19.0",
            "lodash@4.17.20 ->",
        ]);

    private static BomSummary Spec14()
    {
        const string image = "pkg:oci/gateway@sha256%3A4f3c2b1a?repository_url=registry.example.com%2Fedge%2Fgateway";
        const string openssl = "pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u4?arch=amd64&distro=debian-11.6";
        const string requests = "pkg:pypi/requests@2.25.1";
        const string urllib3 = "pkg:pypi/urllib3@1.26.5";
        return new BomSummary(
            "1.4", "urn:uuid:c3e1f0a2-4b5d-4e6f-8a7b-9c0d1e2f3a44", 1,
            new("0", ComponentType.Container, image, null, "registry.example.com/edge/gateway:1.8.2", null, image,
                "aquasecurity:trivy:SchemaVersion=2; aquasecurity:trivy:RepoTag=registry.example.com/edge/gateway:1.8.2"),
            [
                new("1", ComponentType.OperatingSystem, "os:debian@11.6", null, "debian", "11.6", null,
                    "aquasecurity:trivy:Type=debian; aquasecurity:trivy:Class=os-pkgs"),
                new("2", ComponentType.Library, openssl, null, "openssl", "1.1.1n-0+deb11u4", openssl,
                    "aquasecurity:trivy:PkgID=openssl@1.1.1n-0+deb11u4; aquasecurity:trivy:PkgType=debian; "
                    + "aquasecurity:trivy:SrcName=openssl; aquasecurity:trivy:SrcVersion=1.1.1n; "
                    + "aquasecurity:trivy:SrcRelease=0+deb11u4"),
                new("3", ComponentType.Library, requests, null, "requests", "2.25.1", requests,
                    "aquasecurity:trivy:PkgType=python-pkg; "
                    + "aquasecurity:trivy:FilePath=usr/lib/python3/dist-packages/requests-2.25.1.egg-info"),
                new("4", ComponentType.Library, urllib3, null, "urllib3", "1.26.5", urllib3),
                new("5", ComponentType.Device, "device:rpi-4-model-b", "raspberrypi", "rpi-4-model-b", "1.4", null),
                new("6", ComponentType.Firmware, "firmware:rpi-eeprom@2023-01-11", "raspberrypi", "rpi-eeprom",
                    "2023-01-11", null),
            ],
            ["aquasecurity/trivy@0.38.3"],
            [$"{image} -> os:debian@11.6, {requests}", $"os:debian@11.6 -> {openssl}", $"{requests} -> {urllib3}"]);
    }

    private static BomSummary Spec15() => new(
        "1.5", "urn:uuid:5a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c55", 3,
        new("0", ComponentType.Application, "app:fraud-detector", null, "fraud-detector", "0.9.0",
            "pkg:pypi/fraud-detector@0.9.0"),
        [
            new("1", ComponentType.Platform, "platform:kubernetes@1.28.3", null, "kubernetes", "1.28.3", null),
            new("2", ComponentType.DeviceDriver, "driver:nvidia@535.104.05", "nvidia", "nvidia-driver", "535.104.05", null),
            new("3", ComponentType.MachineLearningModel, "model:fraud", "example", "fraud-model", "3",
                "pkg:huggingface/example/fraud-model@1f0c2b9", "mlflow:run-id=8d2f0e4b6a"),
            new("4", ComponentType.Data, "data:transactions-2023", null, "transactions-2023", null, null),
            new("5", ComponentType.Library, "pkg:pypi/torch@2.1.0", null, "torch", "2.1.0", "pkg:pypi/torch@2.1.0",
                "aquasecurity:trivy:PkgType=pip"),
            new("6", ComponentType.Library, "pkg:pypi/triton@2.1.0", null, "triton", "2.1.0", "pkg:pypi/triton@2.1.0"),
        ],
        ["aquasecurity/trivy@0.48.0", "example/sbom-enricher@2024.1"],
        [
            "app:fraud-detector -> model:fraud, pkg:pypi/torch@2.1.0",
            "model:fraud -> data:transactions-2023",
            "pkg:pypi/torch@2.1.0 -> pkg:pypi/triton@2.1.0",
        ]);

    private static BomSummary Spec16()
    {
        const string crypto = "pkg:golang/golang.org/x/crypto@v0.17.0";
        const string pgx = "pkg:golang/github.com/jackc/pgx/v5@v5.5.1";
        const string gin = "pkg:golang/github.com/gin-gonic/gin@v1.9.1";
        return new BomSummary(
            "1.6", "urn:uuid:9e8d7c6b-5a4f-4e3d-b2c1-0a9b8c7d6e66", 1,
            new("0", ComponentType.Application, "gateway", null, "example.com/payments-gateway", "v2.7.0",
                "pkg:golang/example.com/payments-gateway@v2.7.0"),
            [
                new("1", ComponentType.Library, "gateway-plugins", null, "example.com/payments-gateway/plugins",
                    "v2.7.0", "pkg:golang/example.com/payments-gateway/plugins@v2.7.0"),
                new("2", ComponentType.Library, crypto, null, "golang.org/x/crypto", "v0.17.0", crypto,
                    "cdx:gomod:module:path=golang.org/x/crypto; cdx:gomod:module:indirect=false"),
                new("3", ComponentType.Library, "golang.org/x/crypto/ssh", null, "golang.org/x/crypto/ssh", "v0.17.0", null),
                new("4", ComponentType.CryptographicAsset, "crypto:tls13-aes256", null, "TLS_AES_256_GCM_SHA384", null, null),
                new("5", ComponentType.Library, pgx, null, "github.com/jackc/pgx/v5", "v5.5.1", pgx,
                    "cdx:gomod:module:indirect=false"),
                new("6", ComponentType.Framework, gin, null, "github.com/gin-gonic/gin", "v1.9.1", gin),
            ],
            ["anchore/syft@1.4.1", "CycloneDX/cyclonedx-gomod@1.6.0"],
            [$"gateway -> gateway-plugins, {crypto}, {pgx}, {gin}", $"{pgx} -> {crypto}"]);
    }
}
