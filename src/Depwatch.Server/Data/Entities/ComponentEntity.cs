namespace Depwatch.Server.Data.Entities;

public sealed class ComponentEntity
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>What makes a component the same one across BOMs: its purl, else group/name@version, plus its bom-ref when those repeat.</summary>
    public required string Identity { get; set; }

    public string? BomRef { get; set; }
    public string Type { get; set; } = "LIBRARY";
    public string? Group { get; set; }
    public required string Name { get; set; }
    public string? Version { get; set; }
    public string? Purl { get; set; }
    public string? PurlError { get; set; }

    /// <summary>The component's CycloneDX properties as a JSON array of {name, value}.</summary>
    public string? PropertiesJson { get; set; }

    /// <summary>The component's licenses (SPDX id, name or expression), see <see cref="ComponentDetailsJson"/>.</summary>
    public string? LicensesJson { get; set; }

    /// <summary>The component's hashes, see <see cref="ComponentDetailsJson"/>.</summary>
    public string? HashesJson { get; set; }

    public DateTimeOffset Created { get; set; }
}
