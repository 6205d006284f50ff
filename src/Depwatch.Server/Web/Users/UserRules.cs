using System.Text.RegularExpressions;

namespace Depwatch.Server.Web.Users;

/// <summary>What makes a user name and a password acceptable, with messages shown next to the form fields.</summary>
internal static partial class UserRules
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 128;

    public static string Normalize(string? userName) => (userName ?? "").Trim().ToLowerInvariant();

    /// <summary>Why the (normalised) user name cannot be used, or null.</summary>
    public static string? UserNameProblem(string userName) =>
        UserNamePattern().IsMatch(userName)
            ? null
            : "Use 1 to 64 letters, digits, dots, dashes, underscores or @, such as jane.doe.";

    /// <summary>Why the password cannot be used, or null.</summary>
    public static string? PasswordProblem(string? password, string userName)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            return $"Use at least {MinPasswordLength} characters; a few unrelated words make a strong password.";
        }
        if (password.Length > MaxPasswordLength)
        {
            return $"Use at most {MaxPasswordLength} characters.";
        }
        return password.Contains(userName, StringComparison.OrdinalIgnoreCase)
            ? "The password must not contain the user name."
            : null;
    }

    [GeneratedRegex("^[a-z0-9._@-]{1,64}$")]
    private static partial Regex UserNamePattern();
}
