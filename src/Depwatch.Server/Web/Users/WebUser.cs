namespace Depwatch.Server.Web.Users;

/// <summary>A user as the pages show it: never the password hash.</summary>
internal sealed record WebUser(
    Guid Id, string UserName, IReadOnlyList<string> Permissions, bool MustChangePassword, DateTimeOffset Created, DateTimeOffset? LastSignIn)
{
    public bool Has(string permission) => Permissions.Contains(permission);
}

/// <summary>What became of a change to users; <see cref="Field"/> names the form field an error belongs to.</summary>
internal sealed record UserChange(bool Succeeded, string? Field = null, string? Error = null, WebUser? User = null)
{
    public static UserChange Done(WebUser? user = null) => new(true, User: user);

    public static UserChange Refused(string field, string error) => new(false, field, error);
}
