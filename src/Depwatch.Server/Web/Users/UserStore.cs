using System.Security.Cryptography;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.Users;

/// <summary>Web UI users: passwords (PBKDF2 hashes only), permissions, sessions. Signing in is <see cref="SignIn.UserSignIn"/>.</summary>
internal sealed partial class UserStore(
    IDbContextFactory<DepwatchDbContext> contexts, IPasswordHasher<UserEntity> hasher, TimeProvider time, ILogger<UserStore> logger)
{
    public const string NameTakenText = "A user with this name exists already; choose another name.";
    public const string LastManagerText =
        "Refused: afterwards no user could manage users any more. Give ACCESS_MANAGEMENT to another user first.";

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
            // Sessions read the user on every request, so a grant applies at once; a permission taken away also ends
            // the user's sessions, so that nothing begun with it (a form open in another tab) carries on.
            if (Split(user.Permissions).Except(Split(granted)).Any())
            {
                user.SecurityStamp = NewStamp();
            }
            user.Permissions = granted;
            await db.SaveChangesAsync(cancellationToken);
            LogPermissionsChanged(logger, user.UserName, granted, changedBy);
        }
        return UserChange.Done(ToWeb(user));
    }

    /// <summary>Ends every session of the user: cookies signed in before, saved copies included, are refused from now on.</summary>
    public async Task EndSessionsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, NewStamp()), cancellationToken);
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

    private static async Task<bool> OtherManagerExistsAsync(DepwatchDbContext db, Guid exceptUserId, CancellationToken cancellationToken)
    {
        var others = await db.Users.AsNoTracking().Where(u => u.Id != exceptUserId).Select(u => u.Permissions).ToListAsync(cancellationToken);
        return others.Any(p => Split(p).Contains(Permissions.AccessManagement));
    }

    private static string Join(IEnumerable<string> permissions) =>
        string.Join(',', permissions.Where(Permissions.IsKnown).Distinct().Order(StringComparer.Ordinal));

    private static string[] Split(string permissions) => permissions.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string NewStamp() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static WebUser ToWeb(UserEntity user) =>
        new(user.Id, user.UserName, Split(user.Permissions), user.MustChangePassword, user.Created, user.LastSignIn);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "User {UserName} created with permissions {Permissions}.")]
    private static partial void LogCreated(ILogger logger, string userName, string permissions);

    [LoggerMessage(EventId = 704, Level = LogLevel.Information, Message = "User {UserName} changed their password.")]
    private static partial void LogPasswordChanged(ILogger logger, string userName);

    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "Password of user {UserName} reset by {ChangedBy}.")]
    private static partial void LogPasswordReset(ILogger logger, string userName, string changedBy);

    [LoggerMessage(EventId = 706, Level = LogLevel.Information, Message = "Permissions of user {UserName} set to {Permissions} by {ChangedBy}.")]
    private static partial void LogPermissionsChanged(ILogger logger, string userName, string permissions, string changedBy);

    [LoggerMessage(EventId = 707, Level = LogLevel.Information, Message = "User {UserName} deleted by {DeletedBy}.")]
    private static partial void LogDeleted(ILogger logger, string userName, string deletedBy);
}
