namespace Depwatch.Trivy.Planning;

/// <summary>An OS package version split as dpkg and rpm do: <c>epoch:version-release</c>.</summary>
internal readonly record struct OsVersion(int Epoch, string Version, string Release)
{
    /// <param name="splitRelease">False for apk, whose <c>-rN</c> suffix is part of the version.</param>
    public static OsVersion Parse(string text, bool splitRelease)
    {
        var epoch = 0;
        var colon = text.IndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(0, colon), out var parsedEpoch))
        {
            epoch = parsedEpoch;
            text = text[(colon + 1)..];
        }
        var dash = splitRelease ? text.LastIndexOf('-') : -1;
        return dash > 0 ? new OsVersion(epoch, text[..dash], text[(dash + 1)..]) : new OsVersion(epoch, text, "");
    }
}
