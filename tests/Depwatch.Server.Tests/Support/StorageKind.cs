namespace Depwatch.Server.Tests.Support;

/// <summary>The databases every storage and API test runs on.</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}
