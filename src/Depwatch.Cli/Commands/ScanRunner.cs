using Depwatch.Cli.Output;
using Depwatch.Core.Analysis;
using Depwatch.Core.Policies;
using Depwatch.Core.Sbom;
using Depwatch.Core.Triage.Vex;
using Depwatch.Trivy;

namespace Depwatch.Cli.Commands;

/// <summary>Reads the SBOM, asks Trivy, writes the report and tells the exit code.</summary>
internal sealed class ScanRunner(ScanSettings settings, CliEnvironment environment)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var bom = await ReadBomAsync(cancellationToken).ConfigureAwait(false);
        if (bom is null)
        {
            return ExitCodes.BadInput;
        }
        Progress($"read {bom.Components.Count} components from {settings.Sbom}");
        var vex = await VexFiles.ReadAsync(settings.Vex, environment.Error, cancellationToken).ConfigureAwait(false);
        if (vex is null)
        {
            return ExitCodes.BadInput;
        }
        var policies = await PolicyFiles.ReadAsync(settings.Policies, environment.Error, cancellationToken).ConfigureAwait(false);
        if (policies is null)
        {
            return ExitCodes.BadInput;
        }
        AnalysisResult result;
        try
        {
            result = await AnalyzeAsync(bom, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalyzerException e)
        {
            await environment.Error.WriteLineAsync($"depwatch: {e.Message}").ConfigureAwait(false);
            return ExitCodes.TrivyFailed;
        }
        foreach (var warning in SourceWarnings.For(result.SourceResolutions))
        {
            Warn(warning);
        }
        var report = Suppress(new ScanReport(settings.Sbom, bom.Components.Count, result.AnalyzedComponents, result.Findings, result.Skipped), bom, vex);
        report = Evaluate(report, bom, policies);
        await WriteReportAsync(report, cancellationToken).ConfigureAwait(false);
        var findingsFail = settings.FailOn is { } threshold && report.Findings.Any(f => f.Vulnerability.Severity >= threshold);
        var policyFails = report.Violations.Any(v => v.Policy.ViolationState == ViolationState.Fail);
        return findingsFail || policyFails ? ExitCodes.FindingsAtThreshold : ExitCodes.Success;
    }

    /// <summary>The policy violations of every SBOM component, with the findings a VEX did not suppress, as the server judges them.</summary>
    private ScanReport Evaluate(ScanReport report, Bom bom, IReadOnlyList<Policy> policies)
    {
        if (settings.Policies.Count == 0)
        {
            return report;
        }
        var evaluator = new PolicyEvaluator(policies);
        var findings = report.Findings.ToLookup(f => f.Component.Key, StringComparer.Ordinal);
        var violations = bom.Components
            .SelectMany(c => evaluator.Evaluate(c, [.. findings[c.Key].Select(f => f.Vulnerability)]).Select(v => new ComponentViolation(c, v)))
            .ToList();
        foreach (var failure in evaluator.Failures)
        {
            Warn($"policy '{failure.Policy.Name}': a condition was not evaluated: {failure.Message}");
        }
        Progress($"{violations.Count} policy violations of {policies.Count} policies");
        return report with { PoliciesEvaluated = true, Violations = violations };
    }

    /// <summary>Moves the findings a VEX suppresses apart, each carrying the decision that suppressed it.</summary>
    private ScanReport Suppress(ScanReport report, Bom bom, IReadOnlyList<VexStatements> vex)
    {
        if (vex.Count == 0)
        {
            return report;
        }
        var filter = new SbomVexFilter(bom, vex);
        var decided = report.Findings.Select(f => (Finding: f, Decision: filter.Suppression(f))).ToList();
        var suppressed = decided.Where(d => d.Decision is not null).Select(d => d.Finding with { Analysis = d.Decision }).ToList();
        Progress($"{suppressed.Count} of {report.Findings.Count} findings suppressed by VEX" + (settings.ShowSuppressed || suppressed.Count == 0 ? "" : " (--show-suppressed lists them)"));
        return report with
        {
            Findings = [.. decided.Where(d => d.Decision is null).Select(d => d.Finding)],
            Suppressed = suppressed,
            ShowSuppressed = settings.ShowSuppressed,
        };
    }

    private async Task<Bom?> ReadBomAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = settings.Sbom == "-" ? environment.StandardInput() : File.OpenRead(settings.Sbom);
            return await CycloneDxReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (BomFormatException e)
        {
            await environment.Error.WriteLineAsync($"depwatch: {settings.Sbom} is not a valid CycloneDX SBOM: {e.Message}").ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            await environment.Error.WriteLineAsync($"depwatch: cannot read SBOM {settings.Sbom}: {e.Message}").ConfigureAwait(false);
        }
        return null;
    }

    private async Task<AnalysisResult> AnalyzeAsync(Bom bom, CancellationToken cancellationToken)
    {
        var indexes = await new PackageIndexLoader(settings.Trivy.RequestTimeout, Warn).LoadAsync(settings.PackageIndexes, cancellationToken).ConfigureAwait(false);
        if (indexes.Releases.Count > 0)
        {
            Progress($"read the package indexes of {string.Join(", ", indexes.Releases.Select(r => r.DisplayName))}");
        }
        using var ownClient = environment.HttpClient is null ? TrivyAnalyzer.CreateHttpClient() : null;
        var analyzer = new TrivyAnalyzer(settings.Trivy, environment.HttpClient ?? ownClient!);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Total > 1 && p.Completed > 0)
            {
                Progress($"scanned {p.Completed}/{p.Total} batches");
            }
        });
        var target = bom.MetadataComponent?.Name ?? Path.GetFileName(settings.Sbom);
        var request = new AnalysisRequest(bom.Components, target) { PackageIndexes = indexes };
        return await analyzer.AnalyzeAsync(request, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteReportAsync(ScanReport report, CancellationToken cancellationToken)
    {
        var writer = ReportWriters.For(settings.Format)!;
        if (settings.Output is null)
        {
            await writer.WriteAsync(report, environment.Out, cancellationToken).ConfigureAwait(false);
            await environment.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var file = new StreamWriter(settings.Output);
        await writer.WriteAsync(report, file, cancellationToken).ConfigureAwait(false);
        Progress($"wrote {settings.Format} report to {settings.Output}");
    }

    // Warnings are printed even with --quiet: they say the report may be incomplete.
    private void Warn(string message) => environment.Error.WriteLine($"depwatch: warning: {message}");

    private void Progress(string message)
    {
        if (!settings.Quiet)
        {
            environment.Error.WriteLine($"depwatch: {message}");
        }
    }

    // Progress<T> posts to the thread pool; lines must come out in order and before the report.
    private sealed class SynchronousProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        private readonly Lock _lock = new();

        public void Report(AnalysisProgress value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
