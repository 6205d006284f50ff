using System.Net;
using Depwatch.Web.Tests.Support;

namespace Depwatch.Web.Tests;

/// <summary>Headers every answer carries, and what a trusted reverse proxy in front of Depwatch changes.</summary>
public sealed class HttpSecurityTests
{
    [Fact]
    public async Task Pages_get_their_security_headers_whatever_headers_the_request_had()
    {
        await using var app = await WebUiApplication.StartAsync();
        using var http = PlainClient(app);

        foreach (var request in new[]
        {
            Get("/login"),
            Get("/login", ("X-Api-Key", "dwk_Unknown1_0123456789abcdefghijABCDEFGHIJ")),
            Get("/login", ("X-Requested-With", "fetch"), ("Accept", "application/json")),
            Get("/no-such-page"),
        })
        {
            using var response = await http.SendAsync(request);
            var headers = response.Headers;
            Assert.Contains("frame-ancestors 'none'", string.Join(' ', headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", Assert.Single(headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task API_answers_carry_nosniff_refusals_and_errors_included()
    {
        await using var app = await WebUiApplication.StartAsync();
        using var http = PlainClient(app);

        foreach (var request in new[]
        {
            Get("/api/v1/project", ("X-Api-Key", WebUiApplication.AdminKey)),
            Get("/api/v1/project"),
            Get("/api/v1/project/not-a-uuid", ("X-Api-Key", WebUiApplication.AdminKey)),
            Get("/openapi/v1.json", ("X-Api-Key", WebUiApplication.AdminKey)),
            Get("/health/ready"),
        })
        {
            using var response = await http.SendAsync(request);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task Behind_a_trusted_TLS_proxy_cookies_are_secure_and_HSTS_is_sent()
    {
        await using var app = await WebUiApplication.StartAsync(settings: new Dictionary<string, string?> { ["Depwatch:TrustedProxies"] = "10.9.8.7, 127.0.0.0/8" });
        await app.CreateRootAsync();
        using var http = PlainClient(app);

        var (cookies, session) = await SignInAsync(http, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"), ("Host", "depwatch.example"));

        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cookies, cookie => cookie.StartsWith("depwatch.session=", StringComparison.Ordinal));
        Assert.Contains("max-age=31536000", Assert.Single(session.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_not_named_as_a_proxy_change_nothing()
    {
        await using var app = await WebUiApplication.StartAsync(settings: new Dictionary<string, string?> { ["Depwatch:TrustedProxies"] = "10.9.8.7" });
        await app.CreateRootAsync();
        using var http = PlainClient(app);

        var (cookies, session) = await SignInAsync(http, ("X-Forwarded-Proto", "https"), ("Host", "depwatch.example"));

        Assert.Contains(cookies, cookie => cookie.StartsWith("depwatch.session=", StringComparison.Ordinal));
        Assert.All(cookies, cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.False(session.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_trusted_proxy_setting_that_is_not_an_address_stops_the_server_with_the_reason()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await WebUiApplication.StartAsync(settings: new Dictionary<string, string?> { ["Depwatch:TrustedProxies"] = "10.0.0.0/8, proxy.local" });
        });

        Assert.Contains("Depwatch:TrustedProxies lists 'proxy.local'", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Signs in as the root user with <paramref name="headers"/> on every request; the cookies set and the sign-in answer.</summary>
    private static async Task<(List<string> Cookies, HttpResponseMessage SignIn)> SignInAsync(HttpClient http, params (string, string)[] headers)
    {
        using var form = await http.SendAsync(Get("/login", headers));
        var cookies = form.Headers.GetValues("Set-Cookie").ToList();
        var html = await form.Content.ReadAsStringAsync();
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(
                [new("UserName", Users.Root), new("Password", Users.Password), new(PageClient.TokenField, PageClient.TokenIn(html))]),
        };
        AddHeaders(post, headers);
        post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var session = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);
        cookies.AddRange(session.Headers.GetValues("Set-Cookie"));
        return (cookies, session);
    }

    private static HttpClient PlainClient(WebUiApplication app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUrl };

    private static HttpRequestMessage Get(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        AddHeaders(request, headers);
        return request;
    }

    private static void AddHeaders(HttpRequestMessage request, (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
