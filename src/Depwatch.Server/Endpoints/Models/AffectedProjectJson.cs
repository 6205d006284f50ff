using Depwatch.Server.Analysis;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's AffectedProject: a project a vulnerability is in, and the components that have it.</summary>
public sealed record AffectedProjectJson(
    Guid Uuid, bool DependencyGraphAvailable, string Name, string? Version, bool Active, IReadOnlyList<Guid> AffectedComponentUuids)
{
    internal static AffectedProjectJson From(AffectedProject affected) => new(
        affected.Project.Id, false, affected.Project.Name, affected.Project.Version, affected.Project.Active, affected.ComponentIds);
}
