using Depwatch.Testing.TrivyServer;
using Xunit;

namespace Depwatch.Testing;

/// <summary>
/// Compares output with a reviewed file in <c>testdata/golden/</c>. Run the tests with <c>UPDATE_GOLDEN=1</c>
/// to rewrite the files instead, then review the diff.
/// </summary>
public static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string actual, string goldenFileName)
    {
        var path = RepositoryRoot.PathOf("testdata", "golden", goldenFileName);
        actual = NormaliseLineEnds(actual);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path} does not exist; run the tests with UPDATE_GOLDEN=1 to create it.");
        var expected = NormaliseLineEnds(File.ReadAllText(path));
        if (expected != actual)
        {
            Assert.Fail($"{goldenFileName} differs {FirstDifference(expected, actual)}.\n"
                + "If the change is intended, run the tests with UPDATE_GOLDEN=1 and review the diff.");
        }
    }

    // Files checked out on Windows may carry CRLF line ends.
    private static string NormaliseLineEnds(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var line = 0; line < Math.Max(expectedLines.Length, actualLines.Length); line++)
        {
            var wanted = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
            var got = line < actualLines.Length ? actualLines[line] : "<end of file>";
            if (wanted != got)
            {
                return $"at line {line + 1}:\n  expected: {wanted}\n  actual:   {got}";
            }
        }
        return "";
    }
}
