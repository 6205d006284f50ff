using System.Reflection;

namespace Depwatch.Server.Endpoints;

/// <summary>This server's version, as <c>/api/version</c>, SARIF and finding exports name it.</summary>
internal static class ServerVersion
{
    public static string Current { get; } =
        typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
