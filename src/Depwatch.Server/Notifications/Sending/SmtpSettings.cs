using System.Globalization;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Notifications.Sending;

/// <summary>The stored <c>email</c> properties, read on every send so that a change applies to the next e-mail on every instance.</summary>
internal sealed record SmtpSettings(
    bool Enabled, string? From, string SubjectPrefix, string? Host, int Port, string? Username, string? Password, bool Encrypt, bool TrustCertificate)
{
    public static async Task<SmtpSettings> LoadAsync(
        IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = await db.ConfigProperties.AsNoTracking().Where(p => p.GroupName == EmailProperties.Group)
            .ToDictionaryAsync(p => p.PropertyName, p => p.PropertyValue, cancellationToken);
        string? Value(string name) => values.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        var password = Value(EmailProperties.Password) is { } stored
            ? secrets.Unprotect(stored, ConfigPropertyDefinition.SecretPurpose(EmailProperties.Group, EmailProperties.Password))
            : null;
        return new SmtpSettings(
            ConfigPropertyValues.IsTrue(Value(EmailProperties.Enabled)), Value(EmailProperties.FromAddress),
            Value(EmailProperties.SubjectPrefix) ?? "", Value(EmailProperties.ServerHostname),
            int.TryParse(Value(EmailProperties.ServerPort), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 587,
            Value(EmailProperties.Username), password,
            ConfigPropertyValues.IsTrue(Value(EmailProperties.SslTls)), ConfigPropertyValues.IsTrue(Value(EmailProperties.TrustCertificate)));
    }
}
