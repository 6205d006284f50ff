using System.Security.Cryptography;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;

namespace Depwatch.Server.Web.Users;

/// <summary>
/// On first start (no users yet), creates the <c>admin</c> user with every permission. Its password is
/// <c>DEPWATCH_ADMIN_PASSWORD</c> when set, else generated and written once to a file only the owner can read;
/// either way it must be changed at first sign-in.
/// </summary>
internal sealed partial class AdminUserBootstrap(
    UserStore users, IConfiguration configuration, DataDirectory dataDirectory, ILogger<AdminUserBootstrap> logger) : IHostedService
{
    public const string UserName = "admin";
    public const string PasswordVariable = "DEPWATCH_ADMIN_PASSWORD";
    public const string PasswordFileName = "admin-password.txt";

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }
        var chosen = configuration[PasswordVariable];
        var password = chosen is { Length: > 0 } ? chosen : RandomNumberGenerator.GetString(Alphabet, 24);
        var created = await users.CreateAsync(UserName, password, Permissions.All, mustChangePassword: true, cancellationToken, checkPassword: false);
        if (!created.Succeeded)
        {
            // Another instance sharing the database created it a moment ago.
            return;
        }
        if (chosen is not { Length: > 0 })
        {
            WritePasswordFile(password);
            LogPasswordWritten(logger, UserName, dataDirectory.PathOf(PasswordFileName));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Plain ASCII without a byte-order mark, so that copying the password from the file copies nothing else.
    private void WritePasswordFile(string password)
    {
        var path = dataDirectory.PathOf(PasswordFileName);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, options);
        file.Write(System.Text.Encoding.ASCII.GetBytes(password + "\n"));
    }

    /// <summary>Once the administrator has chosen a password, the generated one is of no use to anyone.</summary>
    public static void ForgetGeneratedPassword(DataDirectory dataDirectory) => File.Delete(dataDirectory.PathOf(PasswordFileName));

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning,
        Message = "Created the web UI user {UserName}; its first password is in {File}, readable only by this user, and must be changed at first sign-in.")]
    private static partial void LogPasswordWritten(ILogger logger, string userName, string file);
}
