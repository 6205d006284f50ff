using Depwatch.Core.Triage.Vex;

namespace Depwatch.Cli.Commands;

/// <summary>Reads the VEX files <c>--vex</c> names; the first that cannot be read is named with its problem.</summary>
internal static class VexFiles
{
    /// <returns>The documents in the order given, or null when one cannot be read (the reason is written to <paramref name="error"/>).</returns>
    public static async Task<IReadOnlyList<VexStatements>?> ReadAsync(IReadOnlyList<string> paths, TextWriter error, CancellationToken cancellationToken)
    {
        var documents = new List<VexStatements>();
        foreach (var path in paths)
        {
            try
            {
                documents.Add(VexReader.Read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), VexFormat.CycloneDx, VexFormat.OpenVex));
            }
            catch (VexFormatException e)
            {
                await error.WriteLineAsync($"depwatch: {path} is not a valid VEX document: {e.Message}").ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                await error.WriteLineAsync($"depwatch: cannot read VEX file {path}: {e.Message}").ConfigureAwait(false);
                return null;
            }
        }
        return documents;
    }
}
