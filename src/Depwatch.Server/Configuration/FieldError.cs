namespace Depwatch.Server.Configuration;

/// <summary>One invalid request field, in Dependency-Track's 400 validation array.</summary>
public sealed record FieldError(string Message, string MessageTemplate, string Path, string? InvalidValue);
