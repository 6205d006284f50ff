namespace Depwatch.Server.Configuration;

/// <summary>What became of one config property update.</summary>
public abstract record ConfigPropertyUpdate
{
    public const string NotFoundText = "The config property could not be found.";

    private ConfigPropertyUpdate()
    {
    }

    /// <summary>Stored; the property as it now reads.</summary>
    public sealed record Updated(ConfigProperty Property) : ConfigPropertyUpdate;

    /// <summary>The encrypted placeholder was sent back: the stored secret stays (Dependency-Track answers 304).</summary>
    public sealed record Unchanged : ConfigPropertyUpdate;

    public sealed record NotFound : ConfigPropertyUpdate;

    /// <summary>The value does not fit the property's type; the text says why.</summary>
    public sealed record Rejected(string Error) : ConfigPropertyUpdate;
}
