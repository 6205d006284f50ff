using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

public abstract class CheckCommandTests(TrivyServerFixture trivy, CliRunner cli)
{
    [Fact]
    public async Task A_usable_server_exits_0_and_says_so()
    {
        var run = await cli.RunAsync(["check", "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", trivy.Token]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("is reachable and accepts the token", run.Out);
    }

    [Fact]
    public async Task A_wrong_token_exits_3_and_names_the_problem()
    {
        var run = await cli.RunAsync(["check", "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", "wrong"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("rejected the API token", run.Out);
    }
}
