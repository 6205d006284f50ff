using System.ComponentModel.DataAnnotations;

namespace Depwatch.Server.Options;

/// <summary>Which database holds Depwatch's data. Section <c>Depwatch:Storage</c>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Depwatch:Storage";

    /// <summary><c>sqlite</c> (default: a file in the data directory) or <c>postgres</c>.</summary>
    [Required]
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite it overrides the file in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Upgrade the schema at start-up (default). Off, the server refuses to start on a database that needs an upgrade,
    /// and an operator runs <c>depwatch-server migrate</c> instead.
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider is not (StorageProviders.Sqlite or StorageProviders.Postgres))
        {
            yield return new ValidationResult(
                $"Depwatch:Storage:Provider '{Provider}' is not one of '{StorageProviders.Sqlite}', '{StorageProviders.Postgres}'.", [nameof(Provider)]);
        }
        if (Provider == StorageProviders.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Depwatch:Storage:ConnectionString is required for PostgreSQL, e.g. Host=db;Database=depwatch;Username=depwatch;Password=….",
                [nameof(ConnectionString)]);
        }
    }
}

public static class StorageProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
