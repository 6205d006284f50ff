using Depwatch.Testing.Browser;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Web.Tests.Browser;

/// <summary>Browser tests (and the page tests that need Trivy) share one headless Chromium and one real Trivy server, one test class after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<TrivyServerFixture>
{
    public const string Name = "browser";
}
