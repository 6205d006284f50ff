namespace Depwatch.Core.Sbom;

internal enum DocumentKind
{
    Json,
    Xml,
}
