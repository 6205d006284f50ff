using Depwatch.Trivy;

namespace Depwatch.Server.Web.Trivy;

/// <summary>A connection test's outcome as the page tells it.</summary>
internal sealed record TrivyTestView(string BaseUrl, TrivyProbeResult Result, TokenSource Token, DateTimeOffset TestedAt)
{
    /// <summary>Older vulnerability databases miss recent advisories; a server that can update refreshes it every few hours.</summary>
    public static readonly TimeSpan StaleDatabaseAge = TimeSpan.FromDays(2);

    public string Headline => Result switch
    {
        { IsUsable: true } => "Depwatch can use this Trivy server.",
        { Reachable: false } => "Depwatch cannot reach this Trivy server.",
        _ => "The Trivy server refused the API token.",
    };

    public string TokenText => (Result.TokenAccepted, Token) switch
    {
        (null, _) => "Not checked: the server could not be reached.",
        (true, TokenSource.None) => "Accepted without a token (the server was started without --token).",
        (true, TokenSource.Typed) => "Accepted the token you typed. Save to keep it.",
        (true, TokenSource.Withheld) => "Accepted without a token. The stored token was not sent: it goes only to the address it was saved with.",
        (true, _) => "Accepted the stored token.",
        (false, TokenSource.Withheld) => "Refused: the server needs a token. The stored token goes only to the address it was saved with; type it to test this address.",
        (false, TokenSource.None) => "Refused: the server needs a token. Enter the one it was started with (--token).",
        (false, _) => "Refused. Check that the API token and the token header name match the server's --token and --token-header.",
    };

    public TimeSpan? DatabaseAge => Result.DatabaseUpdatedAt is { } updated ? TestedAt - updated : null;

    public static string Describe(TimeSpan age) => age.TotalHours < 1 ? "less than an hour ago"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours} hour{(age.TotalHours < 2 ? "" : "s")} ago"
        : $"{(int)age.TotalDays} day{(age.TotalDays < 2 ? "" : "s")} ago";
}

/// <summary>Which token a connection test sent.</summary>
internal enum TokenSource
{
    None,
    Typed,
    Stored,

    /// <summary>A token is stored, for another address: not sent.</summary>
    Withheld,
}
