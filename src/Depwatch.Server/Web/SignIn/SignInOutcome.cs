using Depwatch.Server.Web.Users;

namespace Depwatch.Server.Web.SignIn;

/// <summary>What became of a sign-in attempt. A name no user has gets the same outcomes as a wrong password.</summary>
internal abstract record SignInOutcome
{
    public sealed record Success(WebUser User, string SecurityStamp) : SignInOutcome;

    public sealed record Failed : SignInOutcome;

    /// <summary>Too many wrong passwords for this user name.</summary>
    public sealed record LockedOut(DateTimeOffset Until) : SignInOutcome;

    /// <summary>Too many failed sign-ins from this client address, whatever the user names.</summary>
    public sealed record AddressWaiting(DateTimeOffset Until) : SignInOutcome;
}
