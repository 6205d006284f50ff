using System.Text.RegularExpressions;
using Depwatch.Testing.TrivyServer;
using YamlDotNet.RepresentationModel;

namespace Depwatch.Server.Tests.Deployment;

/// <summary>
/// The Dockerfile and docker-compose.yml, which no test here can run (no container engine): every setting they give
/// the server is one it reads, with a value it accepts, and the image is published by the release's command.
/// </summary>
public sealed partial class DeploymentFileTests
{
    private static readonly string s_dockerfile = File.ReadAllText(RepositoryRoot.PathOf("Dockerfile"));
    private static readonly string s_releaseScript = File.ReadAllText(RepositoryRoot.PathOf("scripts", "release.sh"));

    [Fact]
    public void Every_compose_setting_of_depwatch_is_one_the_server_reads()
    {
        var environment = ComposeEnvironment("depwatch");

        Assert.NotEmpty(environment);
        Assert.Empty(environment.Keys.Select(KnownSettings.Problem).OfType<string>());
    }

    [Fact]
    public void The_compose_settings_pass_the_servers_validation()
    {
        var environment = ComposeEnvironment("depwatch").ToDictionary(variable => variable.Key, variable => Interpolated(variable.Value));

        Assert.Empty(KnownSettings.ValidationErrors(environment));
        Assert.Equal("postgres", environment["Depwatch__Storage__Provider"]);
    }

    [Fact]
    public void Depwatch_reaches_the_compose_trivy_server_with_the_token_that_server_requires()
    {
        var environment = ComposeEnvironment("depwatch");
        var trivyCommand = string.Join(' ', ((YamlSequenceNode)Service("trivy").Children[new YamlScalarNode("command")]).Select(node => node.ToString()));

        var port = new Uri(environment["Depwatch__Trivy__BaseUrl"]).Port;
        Assert.Contains($"server --listen 0.0.0.0:{port}", trivyCommand);
        Assert.Equal(Variable(environment["Depwatch__Trivy__ApiToken"]), Variable(trivyCommand[trivyCommand.IndexOf("--token", StringComparison.Ordinal)..]));
        Assert.Contains("Host=postgres;", environment["Depwatch__Storage__ConnectionString"]);
    }

    [Fact]
    public void Every_dockerfile_setting_is_one_the_server_reads()
    {
        var variables = EnvInstruction().Matches(s_dockerfile).Select(match => match.Groups["name"].Value).ToList();

        Assert.Contains("DEPWATCH_DATA_DIR", variables);
        Assert.Empty(variables.Select(KnownSettings.Problem).OfType<string>());
    }

    [Fact]
    public void The_image_is_published_by_the_release_scripts_command()
    {
        var publishes = PublishCall().Matches(s_dockerfile).Select(match => match.Groups["artifact"].Value).ToList();

        Assert.Equal(["server"], publishes);
        Assert.Matches(@"scripts/publish.sh""? server ", s_releaseScript);
        Assert.DoesNotContain("dotnet publish", s_dockerfile);
        Assert.DoesNotContain("dotnet publish", s_releaseScript);
    }

    [Fact]
    public void The_image_runs_unprivileged_keeps_its_data_in_a_volume_and_checks_readiness()
    {
        var dataDirectory = Regex.Match(s_dockerfile, @"DEPWATCH_DATA_DIR=(\S+)").Groups[1].Value;

        Assert.Matches(@"(?m)^USER (?!root\b|0\b)\w+", s_dockerfile);
        Assert.Contains($"VOLUME {dataDirectory}", s_dockerfile);
        Assert.Matches(@"(?m)^HEALTHCHECK .*\n?.*/health/ready", s_dockerfile);
        Assert.Contains($"depwatch-data:{dataDirectory}", File.ReadAllText(RepositoryRoot.PathOf("docker-compose.yml")));
    }

    private static YamlMappingNode Service(string name)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(RepositoryRoot.PathOf("docker-compose.yml"));
        yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        return (YamlMappingNode)services.Children[new YamlScalarNode(name)];
    }

    private static Dictionary<string, string> ComposeEnvironment(string service) =>
        ((YamlMappingNode)Service(service).Children[new YamlScalarNode("environment")]).Children
            .ToDictionary(entry => entry.Key.ToString(), entry => entry.Value.ToString());

    // What compose makes of ${NAME:?message} and ${NAME:-default} when NAME is set: a stand-in value.
    private static string Interpolated(string value) => ComposeVariable().Replace(value, "example");

    private static string Variable(string text) => ComposeVariable().Match(text).Groups["name"].Value;

    [GeneratedRegex(@"\$\{(?<name>\w+)(:[?-][^}]*)?\}")]
    private static partial Regex ComposeVariable();

    [GeneratedRegex(@"(?m)^(?:ENV\s+|\s+)(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvInstruction();

    [GeneratedRegex(@"scripts/publish\.sh""?\s+(?<artifact>[\w-]+)")]
    private static partial Regex PublishCall();
}
