namespace Depwatch.Testing.TrivyServer;

/// <summary>How to start a <see cref="TrivyServerInstance"/>; the defaults suit most tests.</summary>
public sealed record TrivyServerOptions
{
    public const string DefaultTokenHeader = "Trivy-Token";

    /// <summary>The shared secret; null picks a random one, empty turns authentication off.</summary>
    public string? Token { get; init; }

    public string TokenHeader { get; init; } = DefaultTokenHeader;

    /// <summary>bolt-fixtures YAML files for the DB; null means every testdata/trivy-db/*.yaml.</summary>
    public IReadOnlyList<string>? FixtureFiles { get; init; }

    // Generous: the npm build unpacks itself first, which takes long on a busy machine.
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
