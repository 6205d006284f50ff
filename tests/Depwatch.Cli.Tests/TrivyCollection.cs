using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

/// <summary>Test classes marked [Collection(TrivyCollection.Name)] share one real Trivy server.</summary>
[CollectionDefinition(Name)]
public sealed class TrivyCollection : ICollectionFixture<TrivyServerFixture>
{
    public const string Name = "trivy";
}
