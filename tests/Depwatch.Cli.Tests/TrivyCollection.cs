using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

/// <summary>Test classes marked [Collection(TrivyCollection.Name)] share one real Trivy server.</summary>
[CollectionDefinition(Name)]
public sealed class TrivyCollection : ICollectionFixture<TrivyServerFixture>
{
    public const string Name = "trivy";
}

/// <summary>Test classes marked [Collection(NativeCliCollection.Name)] share a real Trivy server and the native executable.</summary>
[CollectionDefinition(Name)]
public sealed class NativeCliCollection : ICollectionFixture<TrivyServerFixture>, ICollectionFixture<NativeCliFixture>
{
    public const string Name = "native-cli";
}
