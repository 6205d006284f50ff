using Depwatch.Core.Analysis;
using Depwatch.Core.PackageIndexes;

namespace Depwatch.Cli.Output;

/// <summary>What to tell about OS packages whose source package stayed unknown, and how to supply it.</summary>
internal static class SourceWarnings
{
    public static IEnumerable<string> For(IReadOnlyList<SourceResolution> resolutions) =>
        resolutions.Where(r => r.Unresolved > 0).Select(Warning);

    private static string Warning(SourceResolution resolution)
    {
        var release = resolution.Release;
        if (resolution.IndexAvailable)
        {
            return $"{resolution.UnresolvedSummary} and {(resolution.Unresolved == 1 ? "is" : "are")} not in the package indexes given "
                + "(or only at versions whose source is numbered differently); their vulnerabilities may be missed.";
        }
        var architecture = resolution.Architectures.FirstOrDefault();
        var example = MirrorLayout.IndexUrls(release, architecture, new MirrorBases()).FirstOrDefault();
        return $"{resolution.UnresolvedSummary}, and no package index of {release} was given: "
            + "their vulnerabilities may be missed. Pass the release's package index"
            + (example is null ? $" with --package-index {release}=PATH_OR_URL." : $", e.g. --package-index {example}");
    }
}
