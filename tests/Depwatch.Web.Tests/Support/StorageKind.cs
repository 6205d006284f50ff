namespace Depwatch.Web.Tests.Support;

public enum StorageKind
{
    Sqlite,
    Postgres,
}
