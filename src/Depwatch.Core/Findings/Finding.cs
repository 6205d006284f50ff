using Depwatch.Core.Components;
using Depwatch.Core.Triage;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Core.Findings;

/// <summary>A vulnerability found in one component by one analyzer, with the decision made about it, if any.</summary>
public sealed record Finding(
    Component Component,
    Vulnerability Vulnerability,
    string? FixedVersion,
    FindingStatus Status,
    string? InstalledVersion,
    string AnalyzerIdentity,
    FindingAnalysis? Analysis = null);
