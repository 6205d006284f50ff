using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>
/// Starts Depwatch with its Trivy analyzer pointed at a real Trivy server, through configuration as containers do;
/// <c>settings</c> override any of it.
/// </summary>
public static class AnalysisHost
{
    public static Task<DepwatchApplication> StartAsync(
        StorageKind storage, TrivyServerInstance? trivy, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>();
        if (trivy is not null)
        {
            all["Depwatch:Trivy:Enabled"] = "true";
            all["Depwatch:Trivy:BaseUrl"] = trivy.BaseUrl.ToString();
            all["Depwatch:Trivy:ApiToken"] = trivy.Token;
            all["Depwatch:Trivy:TokenHeader"] = trivy.TokenHeader;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return DepwatchApplication.StartAsync(storage, all);
    }
}
