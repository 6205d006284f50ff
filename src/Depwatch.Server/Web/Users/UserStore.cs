using System.Security.Cryptography;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.Users;

/// <summary>Web UI users: sign-in with lockout, passwords (PBKDF2 hashes only), permissions.</summary>
internal sealed partial class UserStore(
    IDbContextFactory<DepwatchDbContext> contexts, IPasswordHasher<UserEntity> hasher, TimeProvider time, ILogger<UserStore> logger)
{
    public const string NameTakenText = "A user with this name exists already; choose another name.";
    public const string LastManagerText =
        "Refused: afterwards no user could manage users any more. Give ACCESS_MANAGEMENT to another user first.";

    private const int MaxFailedSignIns = 5;
    private static readonly TimeSpan s_lockout = TimeSpan.FromMinutes(5);

    // Verified against when the user does not exist, so that an unknown name takes as long as a wrong password.
    private static readonly Lazy<string> s_decoyHash = new(() => new PasswordHasher<UserEntity>().HashPassword(Decoy(), RandomNumberGenerator.GetHexString(32)));

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var name = UserRules.Normalize(userName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(Decoy(), s_decoyHash.Value, password ?? "");
            return new SignInOutcome.Failed();
        }
        var now = time.GetUtcNow();
        if (user.LockedUntil > now)
        {
            return new SignInOutcome.LockedOut(user.LockedUntil.Value);
        }
        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (verified == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(db, user, now, cancellationToken);
            return user.LockedUntil > now ? new SignInOutcome.LockedOut(user.LockedUntil.Value) : new SignInOutcome.Failed();
        }
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password!);
        }
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignIn = now;
        await db.SaveChangesAsync(cancellationToken);
        LogSignedIn(logger, user.UserName);
        return new SignInOutcome.Success(ToWeb(user), user.SecurityStamp);
    }

    public async Task<WebUser?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : ToWeb(user);
    }

    /// <summary>The user and the stamp their sessions must carry, for checking a session cookie.</summary>
    public async Task<(WebUser User, string SecurityStamp)?> FindSessionAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : (ToWeb(user), user.SecurityStamp);
    }

    public async Task<List<WebUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.UserName, StringComparer.Ordinal).Select(ToWeb)];
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    /// <param name="mustChangePassword">Whether the password someone chose for the user is to be changed at first sign-in.</param>
    /// <param name="checkPassword">False only for the first administrator's password from configuration, changed at first sign-in anyway.</param>
    public async Task<UserChange> CreateAsync(
        string? userName, string? password, IEnumerable<string> permissions, bool mustChangePassword, CancellationToken cancellationToken,
        bool checkPassword = true)
    {
        var name = UserRules.Normalize(userName);
        if (UserRules.UserNameProblem(name) is { } nameProblem)
        {
            return UserChange.Refused("UserName", nameProblem);
        }
        if (checkPassword && UserRules.PasswordProblem(password, name) is { } passwordProblem)
        {
            return UserChange.Refused("Password", passwordProblem);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.UserName == name, cancellationToken))
        {
            return UserChange.Refused("UserName", NameTakenText);
        }
        var user = new UserEntity
        {
            Id = Guid.NewGuid(),
            UserName = name,
            PasswordHash = "",
            Permissions = Join(permissions),
            MustChangePassword = mustChangePassword,
            SecurityStamp = NewStamp(),
            Created = time.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return UserChange.Refused("UserName", NameTakenText);
        }
        LogCreated(logger, name, user.Permissions);
        return UserChange.Done(ToWeb(user));
    }

    public async Task<UserChange> ChangePasswordAsync(Guid id, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            return UserChange.Refused("CurrentPassword", "This is not your current password.");
        }
        if (UserRules.PasswordProblem(newPassword, user.UserName) is { } problem)
        {
            return UserChange.Refused("NewPassword", problem);
        }
        if (newPassword == currentPassword)
        {
            return UserChange.Refused("NewPassword", "Choose a password different from the current one.");
        }
        user.PasswordHash = hasher.HashPassword(user, newPassword!);
        user.MustChangePassword = false;
        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        LogPasswordChanged(logger, user.UserName);
        return UserChange.Done(ToWeb(user));
    }

    /// <summary>An administrator sets a new password, to be changed by the user at next sign-in.</summary>
    public async Task<UserChange> ResetPasswordAsync(Guid id, string? newPassword, string changedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserChange.Refused("NewPassword", "This user no longer exists.");
        }
        if (UserRules.PasswordProblem(newPassword, user.UserName) is { } problem)
        {
            return UserChange.Refused("NewPassword", problem);
        }
        user.PasswordHash = hasher.HashPassword(user, newPassword!);
        user.MustChangePassword = true;
        user.SecurityStamp = NewStamp();
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        LogPasswordReset(logger, user.UserName, changedBy);
        return UserChange.Done(ToWeb(user));
    }

    public async Task<UserChange> SetPermissionsAsync(Guid id, IEnumerable<string> permissions, string changedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserChange.Refused("Permissions", "This user no longer exists.");
        }
        var granted = Join(permissions);
        if (!granted.Split(',').Contains(Permissions.AccessManagement) && !await OtherManagerExistsAsync(db, id, cancellationToken))
        {
            return UserChange.Refused("Permissions", LastManagerText);
        }
        if (granted != user.Permissions)
        {
            // Sessions read the user on every request, so the change applies at once without signing anyone out.
            user.Permissions = granted;
            await db.SaveChangesAsync(cancellationToken);
            LogPermissionsChanged(logger, user.UserName, granted, changedBy);
        }
        return UserChange.Done(ToWeb(user));
    }

    public async Task<UserChange> DeleteAsync(Guid id, string deletedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserChange.Done();
        }
        if (!await OtherManagerExistsAsync(db, id, cancellationToken))
        {
            return UserChange.Refused("Delete", LastManagerText);
        }
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        LogDeleted(logger, user.UserName, deletedBy);
        return UserChange.Done();
    }

    private async Task CountFailureAsync(DepwatchDbContext db, UserEntity user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        user.FailedSignIns++;
        if (user.FailedSignIns >= MaxFailedSignIns)
        {
            user.FailedSignIns = 0;
            user.LockedUntil = now + s_lockout;
            LogLockedOut(logger, user.UserName, user.LockedUntil.Value);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<bool> OtherManagerExistsAsync(DepwatchDbContext db, Guid exceptUserId, CancellationToken cancellationToken)
    {
        var others = await db.Users.AsNoTracking().Where(u => u.Id != exceptUserId).Select(u => u.Permissions).ToListAsync(cancellationToken);
        return others.Any(p => Split(p).Contains(Permissions.AccessManagement));
    }

    private static string Join(IEnumerable<string> permissions) =>
        string.Join(',', permissions.Where(Permissions.IsKnown).Distinct().Order(StringComparer.Ordinal));

    private static string[] Split(string permissions) => permissions.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string NewStamp() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    private static UserEntity Decoy() => new() { UserName = "", PasswordHash = "", SecurityStamp = "" };

    private static WebUser ToWeb(UserEntity user) =>
        new(user.Id, user.UserName, Split(user.Permissions), user.MustChangePassword, user.Created, user.LastSignIn);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "User {UserName} signed in.")]
    private static partial void LogSignedIn(ILogger logger, string userName);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "User {UserName} is locked out until {Until} after repeated wrong passwords.")]
    private static partial void LogLockedOut(ILogger logger, string userName, DateTimeOffset until);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "User {UserName} created with permissions {Permissions}.")]
    private static partial void LogCreated(ILogger logger, string userName, string permissions);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "User {UserName} changed their password.")]
    private static partial void LogPasswordChanged(ILogger logger, string userName);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Password of user {UserName} reset by {ChangedBy}.")]
    private static partial void LogPasswordReset(ILogger logger, string userName, string changedBy);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Permissions of user {UserName} set to {Permissions} by {ChangedBy}.")]
    private static partial void LogPermissionsChanged(ILogger logger, string userName, string permissions, string changedBy);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "User {UserName} deleted by {DeletedBy}.")]
    private static partial void LogDeleted(ILogger logger, string userName, string deletedBy);
}
