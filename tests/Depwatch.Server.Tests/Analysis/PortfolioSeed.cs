using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>Rows written straight into the database, for tests about data no Trivy fixture produces (or too much of it).</summary>
public static class PortfolioSeed
{
    public static Task<DepwatchDbContext> ContextAsync(DepwatchApplication app) =>
        app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContextAsync();

    public static ProjectEntity Project(string name, bool active = true) => new()
    {
        Id = Guid.NewGuid(), Name = name, Version = "1", VersionKey = "1", Active = active, Created = DateTimeOffset.UtcNow,
    };

    public static ComponentEntity Component(Guid projectId, string name, string? purl = null) => new()
    {
        Id = Guid.NewGuid(), ProjectId = projectId, Identity = purl ?? name, Name = name, Version = "1", Purl = purl, Created = DateTimeOffset.UtcNow,
    };

    public static VulnerabilityEntity Vulnerability(string source, string vulnId, string severity, string? aliasesJson = null) => new()
    {
        Id = Guid.NewGuid(), Source = source, VulnId = vulnId, Severity = severity, AliasesJson = aliasesJson,
        Created = DateTimeOffset.UtcNow, LastChanged = DateTimeOffset.UtcNow,
    };

    public static FindingEntity Finding(ComponentEntity component, VulnerabilityEntity vulnerability, DateTimeOffset? resolvedOn = null) => new()
    {
        Id = Guid.NewGuid(), ProjectId = component.ProjectId, ComponentId = component.Id, VulnerabilityId = vulnerability.Id,
        AttributedOn = DateTimeOffset.UtcNow, ResolvedOn = resolvedOn,
    };
}
