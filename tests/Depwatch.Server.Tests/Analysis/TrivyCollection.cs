using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>Test classes marked [Collection(TrivyCollection.Name)] share one real Trivy server over the fixture DB.</summary>
[CollectionDefinition(Name)]
public sealed class TrivyCollection : ICollectionFixture<TrivyServerFixture>
{
    public const string Name = "trivy";
}
