using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Data.Entities;

/// <summary>A person who signs in to the web UI; holds Dependency-Track permission names like a team does.</summary>
[Index(nameof(UserName), IsUnique = true)]
public sealed class UserEntity
{
    public Guid Id { get; set; }

    /// <summary>Lower-case, as typed at sign-in after normalising.</summary>
    public required string UserName { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 password hash (algorithm, salt and iteration count included).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Permission names, comma-separated.</summary>
    public string Permissions { get; set; } = "";

    /// <summary>Set for a password someone else chose (the first administrator's, a new user's): changed at next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Changes with the password, ending the sessions signed in before.</summary>
    public required string SecurityStamp { get; set; }

    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? LastSignIn { get; set; }
}
