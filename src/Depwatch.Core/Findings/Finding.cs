using Depwatch.Core.Components;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Core.Findings;

/// <summary>A vulnerability found in one component by one analyzer.</summary>
public sealed record Finding(
    Component Component,
    Vulnerability Vulnerability,
    string? FixedVersion,
    FindingStatus Status,
    string? InstalledVersion,
    string AnalyzerIdentity);
