using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.PackageIndexes;
using Depwatch.Core.Purl;

namespace Depwatch.Trivy.Planning;

/// <summary>
/// Decides what Trivy is sent for an inventory: OS packages grouped per distribution, with the OS taken from
/// the SBOM's operating-system component or else from the purl; language packages grouped by Trivy type.
/// </summary>
internal sealed class ScanPlanner(TrivyOptions options, IPackageIndexes? packageIndexes = null)
{
    private static readonly HashSet<string> s_osPurlTypes = ["deb", "apk", "rpm"];

    public ScanPlan Plan(IReadOnlyList<Component> components)
    {
        var systems = OperatingSystemsOf(components);
        var skipped = new List<SkippedComponent>();
        var osPackages = new Dictionary<OperatingSystem, List<TrivyPackage>>();
        var languagePackages = new Dictionary<string, List<TrivyPackage>>(StringComparer.Ordinal);
        var sources = new SourceResolver(packageIndexes);
        foreach (var component in components)
        {
            if (SkipReason(component) is { } reason)
            {
                skipped.Add(new SkippedComponent(component, reason));
            }
            else if (s_osPurlTypes.Contains(component.Purl!.Type))
            {
                AddOsPackage(component, component.Purl, systems, sources, osPackages, skipped);
            }
            else
            {
                AddLanguagePackage(component, component.Purl, languagePackages, skipped);
            }
        }
        return new ScanPlan([.. OsUnits(osPackages), .. LanguageUnits(languagePackages)], skipped) { Sources = sources.Resolutions };
    }

    private string? SkipReason(Component component) => component switch
    {
        { Type: ComponentType.OperatingSystem } => "describes the operating system; its packages are analysed instead",
        { PurlError: { } error } => error,
        { Purl: null } => "has no purl",
        { Purl.Type: var type } when s_osPurlTypes.Contains(type) && !options.ScanOsPackages => "OS package scanning is disabled",
        { Purl.Type: var type } when !s_osPurlTypes.Contains(type) && !options.ScanLibraries => "library scanning is disabled",
        _ => null,
    };

    private static void AddOsPackage(Component component, PackageUrl purl, IReadOnlyList<OperatingSystem> systems, SourceResolver sources,
        Dictionary<OperatingSystem, List<TrivyPackage>> packages, List<SkippedComponent> skipped)
    {
        var os = DistributionResolver.Resolve(purl, systems, out var problem);
        var version = EpochVersions.Full(purl, component.Version);
        if (os is null || string.IsNullOrEmpty(version))
        {
            skipped.Add(new SkippedComponent(component, problem ?? "has no version"));
            return;
        }
        var binary = OsVersion.Parse(version, splitRelease: purl.Type != "apk");
        if (int.TryParse(purl.Qualifier("epoch"), out var epoch))
        {
            binary = binary with { Epoch = epoch };
        }
        var source = sources.For(component, purl, os, binary);
        var package = new TrivyPackage
        {
            Key = component.Key, Name = purl.Name, Version = binary.Version, Release = binary.Release, Epoch = binary.Epoch,
            Arch = purl.Qualifier("arch") ?? "", SrcName = source.Name, SrcVersion = source.Version.Version,
            SrcRelease = source.Version.Release, SrcEpoch = source.Version.Epoch,
        };
        Bucket(packages, os).Add(package);
    }

    private static void AddLanguagePackage(Component component, PackageUrl purl,
        Dictionary<string, List<TrivyPackage>> packages, List<SkippedComponent> skipped)
    {
        var type = LanguageTypes.ForPurlType(purl.Type);
        var version = purl.Version ?? component.Version;
        if (type is null)
        {
            skipped.Add(new SkippedComponent(component, $"Trivy has no vulnerability data for purl type '{purl.Type}'"));
        }
        else if (string.IsNullOrEmpty(version))
        {
            skipped.Add(new SkippedComponent(component, "has no version"));
        }
        else
        {
            Bucket(packages, type).Add(new TrivyPackage { Key = component.Key, Name = PackageNames.ForLanguage(component, purl), Version = version });
        }
    }

    private IEnumerable<ScanUnit> OsUnits(Dictionary<OperatingSystem, List<TrivyPackage>> packages) =>
        from distribution in packages
        from chunk in distribution.Value.Chunk(options.MaxPackagesPerBlob)
        select new ScanUnit(distribution.Key, chunk, []);

    private IEnumerable<ScanUnit> LanguageUnits(Dictionary<string, List<TrivyPackage>> packages)
    {
        var all = packages.SelectMany(p => p.Value.Select(package => (Type: p.Key, Package: package)));
        foreach (var chunk in all.Chunk(options.MaxPackagesPerBlob))
        {
            var applications = chunk.GroupBy(p => p.Type)
                .Select(g => (g.Key, (IReadOnlyList<TrivyPackage>)[.. g.Select(p => p.Package)]))
                .ToList();
            yield return new ScanUnit(null, [], applications);
        }
    }

    private static List<OperatingSystem> OperatingSystemsOf(IReadOnlyList<Component> components)
    {
        var systems = new List<OperatingSystem>();
        foreach (var component in components)
        {
            var family = OsFamilies.Normalize(component.Name) ?? OsFamilies.Normalize(component.Purl?.Name);
            if (component.Type == ComponentType.OperatingSystem && family is not null && !string.IsNullOrEmpty(component.Version)
                && !systems.Contains(new OperatingSystem(family, component.Version)))
            {
                systems.Add(new OperatingSystem(family, component.Version));
            }
        }
        return systems;
    }

    private static List<TrivyPackage> Bucket<TKey>(Dictionary<TKey, List<TrivyPackage>> buckets, TKey key) where TKey : notnull
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            buckets[key] = bucket = [];
        }
        return bucket;
    }
}
