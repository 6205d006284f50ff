using Depwatch.Server.Web.Users;
using Depwatch.Web.Tests.Support;

namespace Depwatch.Web.Tests;

public sealed class AdminBootstrapTests
{
    [Fact]
    public async Task Without_DEPWATCH_ADMIN_PASSWORD_a_generated_password_is_written_to_an_owner_only_file()
    {
        await using var app = await WebUiApplication.StartAsync(settings: new Dictionary<string, string?> { [AdminUserBootstrap.PasswordVariable] = null });
        var file = Path.Combine(app.DataDirectory, AdminUserBootstrap.PasswordFileName);

        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var bytes = File.ReadAllBytes(file);
        Assert.True(bytes.All(b => b is >= 0x21 and < 0x7F or (byte)'\n'), "the file holds the password alone, in plain ASCII");
        var password = System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\n');
        Assert.True(password.Length >= 20, "the generated password is long");

        using var client = app.CreatePageClient();
        var signIn = await client.SignInAsync(AdminUserBootstrap.UserName, password);
        Assert.StartsWith("/account/password", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var token = await client.FormTokenAsync("/account/password");
        var changed = await client.PostAsync("/account/password",
            [new("CurrentPassword", password), new("NewPassword", "my own secret phrase"), new("ConfirmPassword", "my own secret phrase")], token);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, changed.StatusCode);
        Assert.False(File.Exists(file), "the generated password is forgotten once the administrator chose their own");
    }

    [Fact]
    public async Task With_DEPWATCH_ADMIN_PASSWORD_that_password_works_and_no_file_is_written()
    {
        await using var app = await WebUiApplication.StartAsync();

        Assert.False(File.Exists(Path.Combine(app.DataDirectory, AdminUserBootstrap.PasswordFileName)));
        using var client = app.CreatePageClient();
        await client.SignInAsync(AdminUserBootstrap.UserName, WebUiApplication.AdminPassword);
    }
}
