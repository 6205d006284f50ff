namespace Depwatch.Server.Configuration;

/// <summary>The SMTP settings the e-mail publisher uses, named as Dependency-Track names them (group <c>email</c>).</summary>
public static class EmailProperties
{
    public const string Group = "email";
    public const string Enabled = "smtp.enabled";
    public const string FromAddress = "smtp.from.address";
    public const string SubjectPrefix = "subject.prefix";
    public const string ServerHostname = "smtp.server.hostname";
    public const string ServerPort = "smtp.server.port";
    public const string Username = "smtp.username";
    public const string Password = "smtp.password";
    public const string SslTls = "smtp.ssltls";
    public const string TrustCertificate = "smtp.trustcert";

    public static readonly IReadOnlyList<ConfigPropertyDefinition> All =
    [
        new(Group, Enabled, ConfigPropertyTypes.Boolean, "false", "Whether notifications may be sent by e-mail"),
        new(Group, FromAddress, ConfigPropertyTypes.String, null, "The sender's address, e.g. Depwatch <depwatch@example.com>"),
        new(Group, SubjectPrefix, ConfigPropertyTypes.String, "[Depwatch]", "Put before every e-mail's subject"),
        new(Group, ServerHostname, ConfigPropertyTypes.String, null, "Host name of the SMTP server"),
        new(Group, ServerPort, ConfigPropertyTypes.Integer, "587", "Port of the SMTP server (587 for STARTTLS, 465 for TLS from the start)"),
        new(Group, Username, ConfigPropertyTypes.String, null, "User name to authenticate with; none: no authentication"),
        new(Group, Password, ConfigPropertyTypes.EncryptedString, null, "Password to authenticate with; kept encrypted and never shown"),
        new(Group, SslTls, ConfigPropertyTypes.Boolean, "true",
            "Encrypt the connection: TLS from the start on port 465, else STARTTLS, required; false sends in the clear"),
        new(Group, TrustCertificate, ConfigPropertyTypes.Boolean, "false", "Accept any certificate the SMTP server presents (self-signed ones)"),
    ];
}
