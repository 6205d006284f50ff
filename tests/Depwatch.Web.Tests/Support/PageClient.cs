using System.Net;
using System.Text.RegularExpressions;

namespace Depwatch.Web.Tests.Support;

/// <summary>Plain HTTP against the pages: cookies kept, redirects not followed, forms posted with or without their antiforgery token.</summary>
public sealed partial class PageClient : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";

    private readonly HttpClient _http;

    public PageClient(Uri baseUrl)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
    }

    public CookieContainer Cookies { get; }

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    /// <summary>GETs the page and returns the antiforgery token of its form (the first one, or the one posting to <paramref name="action"/>).</summary>
    public async Task<string> FormTokenAsync(string path, string? action = null)
    {
        var (status, html, _) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        return TokenIn(html, action);
    }

    public async Task<HttpResponseMessage> PostAsync(
        string path, IEnumerable<KeyValuePair<string, string>> fields, string? token, params (string Name, string Value)[] headers)
    {
        var all = token is null ? fields : fields.Append(new(TokenField, token));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return await _http.SendAsync(request);
    }

    /// <summary>A client holding copies of this one's cookies, as a cookie saved from a browser would be replayed.</summary>
    public PageClient CopyWithCookies()
    {
        var copy = new PageClient(_http.BaseAddress!);
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            copy.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }
        return copy;
    }

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => _http.PostAsync(path, content);

    /// <summary>Signs in through the sign-in form.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var token = await FormTokenAsync("/login");
        var response = await PostAsync("/login", [new("UserName", userName), new("Password", password)], token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    public static string TokenIn(string html, string? action = null)
    {
        var forms = FormPattern().Matches(html).Select(m => m.Value);
        var form = action is null ? forms.First() : forms.First(f => f.Contains($"action=\"{action}\"", StringComparison.Ordinal));
        return TokenPattern().Match(form).Groups[1].Value;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
