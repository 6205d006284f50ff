using System.Text;

namespace Depwatch.Core.Purl;

/// <summary>Builds the canonical purl string from normalised components.</summary>
internal static class PurlFormatter
{
    public static string Format(PurlComponents purl)
    {
        var builder = new StringBuilder("pkg:").Append(purl.Type).Append('/');
        if (purl.Namespace is not null)
        {
            builder.Append(PurlSegments.Format(purl.Namespace)).Append('/');
        }
        builder.Append(PurlEncoding.Encode(purl.Name));
        if (purl.Version is not null)
        {
            builder.Append('@').Append(PurlEncoding.Encode(purl.Version));
        }
        if (purl.Qualifiers.Count > 0)
        {
            // Sorted by key, as the test suite expects: 'compiler=…' comes before 'compiler.runtime=…'.
            builder.Append('?').AppendJoin('&', purl.Qualifiers.Select(q => $"{q.Key}={PurlEncoding.Encode(q.Value)}"));
        }
        if (purl.Subpath is not null)
        {
            builder.Append('#').Append(PurlSegments.Format(purl.Subpath));
        }
        return builder.ToString();
    }
}
