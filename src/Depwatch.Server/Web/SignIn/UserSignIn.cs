using System.Net;
using System.Security.Cryptography;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.SignIn;

/// <summary>
/// Checks a user name and password within the limits: <see cref="SignInThrottle.MaxFailedSignIns"/> wrong passwords
/// in a row lock the user for <see cref="SignInThrottle.LockDuration"/>, and each attempt is counted by one
/// conditional update before its password is checked, so that many attempts at once get no more checks than that.
/// A name no user has takes the same steps, the same time and the same answers.
/// </summary>
internal sealed partial class UserSignIn(
    IDbContextFactory<DepwatchDbContext> contexts, IPasswordHasher<UserEntity> hasher, SignInThrottle throttle, TimeProvider time,
    ILogger<UserSignIn> logger)
{
    // Verified against when the user does not exist, so that an unknown name takes as long as a wrong password.
    private static readonly Lazy<string> s_decoyHash = new(() => new PasswordHasher<UserEntity>().HashPassword(Decoy(), RandomNumberGenerator.GetHexString(32)));

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, IPAddress? clientAddress, CancellationToken cancellationToken)
    {
        var name = UserRules.Normalize(userName);
        var address = ClientAddress.Key(clientAddress);
        var now = time.GetUtcNow();
        if (!throttle.TryClaimAddress(address, now, out var waitUntil, out var fresh))
        {
            return new SignInOutcome.AddressWaiting(waitUntil);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
        var lockUntil = now + SignInThrottle.LockDuration;
        if (!await ClaimAttemptAsync(db, name, user is null, now, lockUntil, cancellationToken))
        {
            var lockedUntil = await LockedUntilAsync(db, name, user is null, cancellationToken) ?? lockUntil;
            if (!fresh || !throttle.TryTakeFreshAttempt(name, lockedUntil, now))
            {
                throttle.ReleaseAddress(address);
                return new SignInOutcome.LockedOut(lockedUntil);
            }
        }
        var verified = hasher.VerifyHashedPassword(user ?? Decoy(), user?.PasswordHash ?? s_decoyHash.Value, password ?? "");
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            return await FailedAsync(db, name, user is null, lockUntil, now);
        }
        throttle.ReleaseAddress(address);
        var rehashed = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password!) : null;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedSignIns, 0)
            .SetProperty(u => u.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(u => u.LastSignIn, now)
            .SetProperty(u => u.PasswordHash, u => rehashed ?? u.PasswordHash), CancellationToken.None);
        LogSignedIn(logger, user.UserName);
        return new SignInOutcome.Success(UserStore.ToWeb(user), user.SecurityStamp);
    }

    // The attempt that makes the count reach the limit locks the user at once, before its password is checked: a right
    // one then lifts the lock, and a process that stops halfway leaves a lock that ends rather than one that never does.
    private async Task<bool> ClaimAttemptAsync(
        DepwatchDbContext db, string name, bool unknown, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        var claimed = await db.Users
            .Where(u => u.UserName == name && (u.LockedUntil == null || u.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1 >= SignInThrottle.MaxFailedSignIns ? 0 : u.FailedSignIns + 1)
                .SetProperty(u => u.LockedUntil, u => u.FailedSignIns + 1 >= SignInThrottle.MaxFailedSignIns ? lockUntil : u.LockedUntil),
                cancellationToken);
        return unknown ? throttle.TryClaimUnknownUser(name, now) : claimed == 1;
    }

    private async Task<DateTimeOffset?> LockedUntilAsync(DepwatchDbContext db, string name, bool unknown, CancellationToken cancellationToken)
    {
        var stored = await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => u.LockedUntil).FirstOrDefaultAsync(cancellationToken);
        return unknown ? throttle.UnknownUserLockedUntil(name) : stored;
    }

    private async Task<SignInOutcome> FailedAsync(DepwatchDbContext db, string name, bool unknown, DateTimeOffset lockUntil, DateTimeOffset now)
    {
        // Not cancelled: the attempt is counted whether or not the client waits for the answer.
        var lockedUntil = await LockedUntilAsync(db, name, unknown, CancellationToken.None);
        if (lockedUntil == lockUntil && !unknown)
        {
            LogLockedOut(logger, name, lockUntil);
        }
        return lockedUntil > now ? new SignInOutcome.LockedOut(lockedUntil.Value) : new SignInOutcome.Failed();
    }

    private static UserEntity Decoy() => new() { UserName = "", PasswordHash = "", SecurityStamp = "" };

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "User {UserName} signed in.")]
    private static partial void LogSignedIn(ILogger logger, string userName);

    [LoggerMessage(EventId = 712, Level = LogLevel.Warning, Message = "User {UserName} is locked out until {Until} after repeated wrong passwords.")]
    private static partial void LogLockedOut(ILogger logger, string userName, DateTimeOffset until);
}
