using System.Security.Cryptography;
using System.Text;
using Depwatch.Core.Components;

namespace Depwatch.Server.Ingest;

/// <summary>
/// What makes a component the same one from one BOM to the next, so that it keeps its id, findings and history:
/// its canonical purl when valid, else <c>group/name@version</c>; only when that repeats within one BOM is the
/// bom-ref added (and, lacking one, the occurrence number), so every identity is unique within the project.
/// </summary>
internal static class ComponentIdentities
{
    // PostgreSQL cannot index a value much over 2,700 bytes; longer identities keep a readable start and a hash.
    private const int MaxLength = 1024;

    public static string[] Assign(IReadOnlyList<Component> components)
    {
        var bases = components.Select(Base).ToArray();
        var repeats = bases.CountBy(b => b, StringComparer.Ordinal).Where(c => c.Value > 1).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var identities = new string[components.Count];
        for (var index = 0; index < components.Count; index++)
        {
            var identity = repeats.Contains(bases[index]) && components[index].BomRef is { } bomRef ? $"{bases[index]}#{bomRef}" : bases[index];
            var unique = Bounded(identity);
            for (var occurrence = 2; !taken.Add(unique); occurrence++)
            {
                unique = Bounded($"{identity}#{occurrence}");
            }
            identities[index] = unique;
        }
        return identities;
    }

    private static string Base(Component component)
    {
        if (component.Purl is { } purl)
        {
            return purl.ToString();
        }
        var name = component.Group is null ? component.Name : $"{component.Group}/{component.Name}";
        return component.Version is null ? name : $"{name}@{component.Version}";
    }

    private static string Bounded(string identity)
    {
        if (identity.Length <= MaxLength)
        {
            return identity;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        return $"{identity[..(MaxLength - hash.Length - 1)]}~{hash}";
    }
}
