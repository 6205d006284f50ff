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
    // PostgreSQL cannot index a row over 2,704 bytes (the identity with its project's id); longer identities keep a
    // readable start and a hash. Counted in characters and in UTF-8 bytes: a character may take up to three.
    private const int MaxLength = 1024;
    private const int MaxBytes = 2048;

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
        if (identity.Length <= MaxLength && Encoding.UTF8.GetByteCount(identity) <= MaxBytes)
        {
            return identity;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        return $"{Start(identity, MaxLength - hash.Length - 1, MaxBytes - hash.Length - 1)}~{hash}";
    }

    /// <summary>The longest start of <paramref name="text"/> within both limits that does not split a surrogate pair.</summary>
    private static string Start(string text, int maxChars, int maxBytes)
    {
        var (length, bytes) = (0, 0);
        while (length < text.Length)
        {
            var step = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var stepBytes = Encoding.UTF8.GetByteCount(text.AsSpan(length, step));
            if (length + step > maxChars || bytes + stepBytes > maxBytes)
            {
                break;
            }
            (length, bytes) = (length + step, bytes + stepBytes);
        }
        return text[..length];
    }
}
