using Depwatch.Server.ManagedTrivy;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Configuration;

/// <summary>When Depwatch runs Trivy itself: by default only when Trivy is installed and no server is configured.</summary>
public sealed class ManagedTrivyOptionsTests : IDisposable
{
    private readonly TemporaryDirectory _bin = new("depwatch-path-");
    private readonly TemporaryDirectory _empty = new("depwatch-path-");

    public ManagedTrivyOptionsTests() => File.WriteAllText(Path.Combine(_bin.Path, "trivy"), "");

    private string WithTrivy => string.Join(Path.PathSeparator, _empty.Path, _bin.Path);

    [Theory]
    [InlineData(null, true, false, true)]
    [InlineData(null, true, true, false)]
    [InlineData(null, false, false, false)]
    [InlineData(false, true, false, false)]
    [InlineData(true, true, true, true)]
    public void Runs_trivy_by_default_when_installed_and_no_server_is_configured(bool? managed, bool installed, bool baseUrlConfigured, bool runs)
    {
        var options = new ManagedTrivyOptions { Managed = managed };

        Assert.Equal(runs, options.IsWanted(baseUrlConfigured, installed ? WithTrivy : _empty.Path));
    }

    [Fact]
    public void Trivy_is_found_on_the_path_or_where_configured()
    {
        Assert.Equal(Path.Combine(_bin.Path, "trivy"), new ManagedTrivyOptions().ExecutablePath(WithTrivy));
        Assert.Null(new ManagedTrivyOptions().ExecutablePath(_empty.Path));
        Assert.Equal(TrivyBinary.Path, new ManagedTrivyOptions { Executable = TrivyBinary.Path }.ExecutablePath(_empty.Path));
    }

    [Fact]
    public void A_configured_executable_that_does_not_exist_is_refused_naming_the_setting()
    {
        var missing = Path.Combine(_empty.Path, "trivy");

        var problems = new ManagedTrivyOptions { Executable = missing }.Validate(new(new object())).ToList();

        Assert.Contains($"Depwatch:Trivy:Executable '{missing}' does not exist", Assert.Single(problems).ErrorMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _bin.Dispose();
        _empty.Dispose();
    }
}
