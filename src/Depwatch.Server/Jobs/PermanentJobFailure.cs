namespace Depwatch.Server.Jobs;

/// <summary>A job that can never succeed (e.g. an unreadable BOM): it fails at once with this message.</summary>
public sealed class PermanentJobFailure(string message, Exception? inner = null) : Exception(message, inner);
