using System.Reflection;

namespace Depwatch.Server.Endpoints;

/// <summary>This server's version, as <c>/api/version</c>, SARIF and finding exports name it.</summary>
internal static class ServerVersion
{
    /// <summary>
    /// The Dependency-Track release whose REST API Depwatch answers like. Clients read it from <c>/api/version</c>
    /// and from the <c>X-Powered-By</c> header to decide which of their features to use (the Jenkins plugin, for
    /// one, turns on project properties and the latest-version flag from 4.12 on).
    /// </summary>
    public const string DependencyTrackApiLevel = "4.12.0";

    /// <summary>The <c>X-Powered-By</c> value of every API answer, in the form Dependency-Track's clients parse.</summary>
    public const string PoweredBy = "Dependency-Track v" + DependencyTrackApiLevel;

    public static string Current { get; } =
        typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
