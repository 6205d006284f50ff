namespace Depwatch.Trivy.Planning;

/// <summary>The CycloneDX properties Trivy writes on the components of its own SBOMs.</summary>
internal static class TrivyProperties
{
    private const string Prefix = "aquasecurity:trivy:";
    public const string SrcName = Prefix + "SrcName";
    public const string SrcVersion = Prefix + "SrcVersion";
    public const string SrcRelease = Prefix + "SrcRelease";
    public const string SrcEpoch = Prefix + "SrcEpoch";
}
