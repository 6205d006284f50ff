using System.Diagnostics;
using System.Net;
using Depwatch.Testing;
using Depwatch.Web.Tests.Support;

namespace Depwatch.Web.Tests;

/// <summary>
/// How far password guessing gets: a user locks after five wrong passwords however many arrive at once, an address
/// that keeps failing waits longer each time, the lock cannot keep the user's owner out for good, and a name no user
/// has answers exactly as a wrong password does. Client addresses come through the trusted-proxy header.
/// </summary>
public abstract class SignInLimitTests(StorageKind storage) : IAsyncLifetime
{
    private const string Jane = "jane";
    private const string JanePassword = "correct horse staple";
    private const string NotRight = "The user name or password is not right. Check both and try again.";
    private const string Locked = "Too many wrong passwords for this user.";
    private const string AddressWaits = "Too many failed sign-ins from your network address.";

    private readonly AdjustableClock _clock = new();
    private WebUiApplication _app = null!;
    private PageClient _client = null!;
    private string _token = null!;

    [Fact]
    public async Task A_hundred_wrong_passwords_at_once_get_at_most_five_checks_and_the_right_one_after_them_is_refused()
    {
        var wrong = Enumerable.Range(1, 100).Select(i => AttemptAsync(Jane, $"guess number {i}", $"198.51.100.{i}")).ToList();
        while (wrong.Count(t => t.IsCompleted) < 5)
        {
            await Task.WhenAny(wrong.Where(t => !t.IsCompleted));
        }

        var right = await AttemptAsync(Jane, JanePassword, "203.0.113.50");
        var answers = await Task.WhenAll(wrong);

        Assert.StartsWith(Locked, right, StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.True(answer == NotRight || answer!.StartsWith(Locked, StringComparison.Ordinal), answer));
        Assert.InRange(answers.Count(a => a == NotRight), 0, 4);
        Assert.StartsWith(Locked, await AttemptAsync(Jane, JanePassword, "203.0.113.51"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_keeps_failing_waits_longer_each_time_whatever_names_it_tries()
    {
        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(NotRight, await AttemptAsync($"nobody{i}", "some guess here", "198.51.100.7"));
        }

        Assert.Equal($"{AddressWaits} Try again in 1 minute.", await AttemptAsync(Jane, JanePassword, "198.51.100.7"));
        Assert.Null(await AttemptAsync(Jane, JanePassword, "198.51.100.8"));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(NotRight, await AttemptAsync("nobody11", "some guess here", "198.51.100.7"));
        Assert.Equal($"{AddressWaits} Try again in 2 minutes.", await AttemptAsync(Jane, JanePassword, "198.51.100.7"));
    }

    [Fact]
    public async Task Someone_who_keeps_a_user_locked_cannot_keep_its_owner_out_of_a_fresh_address()
    {
        await LockJaneFromAsync("198.51.100.66");
        Assert.StartsWith(Locked, await AttemptAsync(Jane, JanePassword, "203.0.113.1"), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.StartsWith(Locked, await AttemptAsync(Jane, "a fresh wrong guess", "203.0.113.2"), StringComparison.Ordinal);
        Assert.StartsWith(Locked, await AttemptAsync(Jane, JanePassword, "203.0.113.3"), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.StartsWith(Locked, await AttemptAsync(Jane, JanePassword, "198.51.100.66"), StringComparison.Ordinal);
        Assert.StartsWith(Locked, await AttemptAsync(Jane, JanePassword, "203.0.113.2"), StringComparison.Ordinal);
        Assert.Null(await AttemptAsync(Jane, JanePassword, "203.0.113.3"));

        // Lifted: the owner is in, and the next guesses start counting from nothing.
        Assert.Equal(NotRight, await AttemptAsync(Jane, "another guess here", "198.51.100.67"));
    }

    [Fact]
    public async Task A_name_no_user_has_answers_as_a_wrong_password_does_lockout_included()
    {
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var known = await AttemptAsync(Jane, $"wrong password {attempt}", $"198.51.100.{attempt}");
            var unknown = await AttemptAsync("janet", $"wrong password {attempt}", $"198.51.101.{attempt}");

            Assert.Equal(attempt < 5 ? NotRight : $"{Locked} Try again in 5 minutes.", known);
            Assert.Equal(known, unknown);
        }
    }

    [Fact]
    public async Task A_name_no_user_takes_as_long_to_refuse_as_a_wrong_password()
    {
        var names = new[] { "amy", "ben", "cai" };
        foreach (var name in names)
        {
            await _app.CreateUserAsync(name, JanePassword, "VIEW_PORTFOLIO");
        }
        // Warm-up: the first check of each kind pays for code loading.
        await AttemptAsync("warm", "warm up guess", "192.0.2.1");
        await AttemptAsync(Jane, "warm up guess", "192.0.2.2");

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var round = 0; round < 4; round++)
        {
            foreach (var name in names)
            {
                knownTimes.Add(await TimeAsync(name, $"guess {round}", $"198.51.100.{round * 10 + knownTimes.Count}"));
                unknownTimes.Add(await TimeAsync(name + "x", $"guess {round}", $"198.51.101.{round * 10 + unknownTimes.Count}"));
            }
        }

        var (known, unknown) = (Median(knownTimes), Median(unknownTimes));
        Assert.True(Math.Abs(known - unknown) <= Math.Max(known, unknown) * 0.3,
            $"median refusal of a wrong password {known:0.0} ms, of an unknown name {unknown:0.0} ms");
    }

    private async Task<double> TimeAsync(string userName, string password, string from)
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(NotRight, await AttemptAsync(userName, password, from));
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private async Task LockJaneFromAsync(string address)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AttemptAsync(Jane, $"wrong password {attempt}", address);
        }
    }

    /// <summary>Posts the sign-in form as if from <paramref name="from"/>; null when signed in, else the error shown.</summary>
    private async Task<string?> AttemptAsync(string userName, string password, string from)
    {
        using var response = await _client.PostAsync("/login", [new("UserName", userName), new("Password", password)], _token, ("X-Forwarded-For", from));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // Signed in: the next attempts come from a browser that is not.
            await NewClientAsync();
            return null;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Html.TextOf(await response.Content.ReadAsStringAsync(), "login-error");
    }

    public async Task InitializeAsync()
    {
        _app = await WebUiApplication.StartAsync(storage, new Dictionary<string, string?> { ["Depwatch:TrustedProxies"] = "127.0.0.1" }, _clock);
        await _app.CreateUserAsync(Jane, JanePassword, "VIEW_PORTFOLIO");
        await NewClientAsync();
    }

    private async Task NewClientAsync()
    {
        _client?.Dispose();
        _client = _app.CreatePageClient();
        _token = await _client.FormTokenAsync("/login");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}

public sealed class SignInLimitsOnSqlite() : SignInLimitTests(StorageKind.Sqlite);

public sealed class SignInLimitsOnPostgres() : SignInLimitTests(StorageKind.Postgres);
