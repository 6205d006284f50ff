using System.Globalization;
using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.PackageIndexes;
using Depwatch.Server.Triage;
using Depwatch.Server.Web.Portfolio;
using Depwatch.Server.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.Pages.Projects;

/// <summary>
/// A project: its findings with their audit panels and bulk triage, its components, their history, an SBOM upload,
/// "Analyze now", and its decisions as VEX and its findings as FPF to download.
/// </summary>
internal sealed class ProjectModel(
    PortfolioReader reader, WebBomUpload uploads, IJobQueue queue, AnalysisRequests analyses, ProjectSourceWarnings sourceWarnings,
    WebTriage triage, AnalysisStore decisions, IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time) : PageModel
{
    public const int ComponentsPerPage = 50;

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Fix { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dir { get; set; }

    /// <summary>Analysis state to list (NOT_SET, EXPLOITABLE, …), or null for all.</summary>
    [BindProperty(SupportsGet = true, Name = "analysis")]
    public string? AnalysisFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "suppressed")]
    public bool ShowSuppressed { get; set; }

    /// <summary>The finding whose audit panel is open, after its decision was recorded.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Open { get; set; }

    /// <summary>How many findings the last triage form recorded a decision for.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Triaged { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Token { get; set; }

    public ProjectSummary Summary { get; private set; } = null!;

    public bool ShowComponents => View == "components" || !MayViewFindings;

    public bool MayViewFindings => User.Has(Permissions.ViewVulnerability);

    public bool MayUpload => User.Has(Permissions.BomUpload);

    public bool MayTriage => User.Has(Permissions.VulnerabilityAnalysis);

    public FindingQuery Findings => new(Severity, Source, Fix, Sort, Dir, PageNumber, AnalysisFilter, ShowSuppressed);

    /// <summary>Unresolved findings that a decision suppressed: not in <see cref="FindingCount"/>, counted apart.</summary>
    public int SuppressedCount { get; private set; }

    public ILookup<Guid, AnalysisComment> Trails { get; private set; } = Array.Empty<AnalysisComment>().ToLookup(_ => Guid.Empty);

    /// <summary>The messages of a triage form that was refused, by field, and the finding it was for (null: bulk).</summary>
    public IReadOnlyDictionary<string, string> TriageErrors { get; private set; } = new Dictionary<string, string>();

    public string? TriageErrorsFor { get; private set; }

    public Paged<FindingRow>? FindingPage { get; private set; }

    public int FindingCount { get; private set; }

    public IReadOnlyList<string> Sources { get; private set; } = [];

    public IReadOnlySet<string> KnownAliases { get; private set; } = new HashSet<string>();

    public Paged<ComponentEntity>? ComponentPage { get; private set; }

    public HistoryChartView History { get; private set; } = HistoryChartView.FromRuns([]);

    public ProjectRelations Relations { get; private set; } = ProjectRelations.None;

    /// <summary>OS packages whose source package stays unknown, per release, and what to do about it.</summary>
    public IReadOnlyList<string> SourceWarnings { get; private set; } = [];

    public bool Processing => Token is not null || Display.IsBusy(Summary.Project);

    public UploadFormView Upload { get; private set; } = new(false, null, null, new Dictionary<string, string>());

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Polled by the page while work is queued or running; GET, so it changes nothing.</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken cancellationToken)
    {
        var summary = await reader.ProjectAsync(Id, cancellationToken);
        if (summary is null)
        {
            return NotFound();
        }
        var processing = Token is { } token ? await queue.IsProcessingAsync(token, cancellationToken) : Display.IsBusy(summary.Project);
        return new JsonResult(new { processing, text = StatusText(summary) });
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? bom, CancellationToken cancellationToken)
    {
        if (!MayUpload)
        {
            return Forbid();
        }
        var result = await uploads.UploadAsync(Id, null, null, bom, User, cancellationToken);
        if (result.Token is { } token)
        {
            return Redirect($"/projects/{Id}?token={token}");
        }
        Upload = new UploadFormView(false, null, null, result.Errors);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAnalyzeAsync(CancellationToken cancellationToken)
    {
        if (!MayViewFindings)
        {
            return Forbid();
        }
        return await analyses.RequestAsync(Id, cancellationToken) is { } token ? Redirect($"/projects/{Id}?token={token}") : NotFound();
    }

    public async Task<IActionResult> OnPostAnalysisAsync(string? finding, [Bind(Prefix = "Triage")] TriageForm form, CancellationToken cancellationToken) =>
        await TriageAsync(finding is null ? [] : [finding], form, finding, cancellationToken);

    public async Task<IActionResult> OnPostBulkAsync(List<string> selected, [Bind(Prefix = "Bulk")] TriageForm form, CancellationToken cancellationToken) =>
        await TriageAsync(selected, form, null, cancellationToken);

    public Task<IActionResult> OnGetCycloneDxVexAsync(CancellationToken cancellationToken) =>
        DownloadAsync(() => Endpoints.VexEndpoints.ExportCycloneDx(Id.ToString(), Request, contexts, time, cancellationToken));

    public Task<IActionResult> OnGetOpenVexAsync(CancellationToken cancellationToken) =>
        DownloadAsync(() => Endpoints.VexEndpoints.ExportOpenVex(Id.ToString(), Request, contexts, time, cancellationToken));

    public Task<IActionResult> OnGetFindingsExportAsync(CancellationToken cancellationToken) =>
        DownloadAsync(() => Endpoints.FindingEndpoints.ExportProjectFindings(Id.ToString(), Request, contexts, time, cancellationToken));

    private async Task<IActionResult> DownloadAsync<TResult>(Func<Task<TResult>> export) where TResult : INestedHttpResult
    {
        if (!MayViewFindings)
        {
            return Forbid();
        }
        return new HttpResultAction((await export()).Result);
    }

    private async Task<IActionResult> TriageAsync(IReadOnlyList<string> keys, TriageForm form, string? finding, CancellationToken cancellationToken)
    {
        if (!MayTriage || !MayViewFindings)
        {
            return Forbid();
        }
        var result = await triage.RecordAsync(Id, keys, form, User, cancellationToken);
        if (result.Errors.Count == 0)
        {
            var back = Link(("triaged", result.Recorded.ToString(CultureInfo.InvariantCulture)), ("open", finding),
                ("p", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null));
            return Redirect(finding is null ? back : $"{back}#audit-{finding}");
        }
        (TriageErrors, TriageErrorsFor, Open) = (result.Errors, finding, finding);
        foreach (var (field, error) in result.Errors)
        {
            ModelState.AddModelError(field, error);
        }
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public AuditPanelView Panel(FindingRow row) => new(row, [.. Trails[row.AnalysisId ?? Guid.Empty]], MayTriage, Open == row.Key,
        TriageErrorsFor == row.Key ? TriageErrors : null, Link(("handler", "Analysis"), ("p", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null)));

    /// <summary>This page's address with some query values changed (null removes one); the page number resets unless given.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["view"] = View, ["severity"] = Severity, ["source"] = Source, ["fix"] = Fix, ["sort"] = Sort, ["dir"] = Dir, ["q"] = Q,
            ["analysis"] = AnalysisFilter, ["suppressed"] = ShowSuppressed ? "true" : null,
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }
        var query = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value));
        return QueryHelpers.AddQueryString($"/projects/{Id}", query);
    }

    /// <summary>The link a sortable column's header leads to: the other direction when already sorted by it.</summary>
    public string SortLink(string sort, bool current, bool descending) =>
        Link(("sort", sort), ("dir", current ? (descending ? "asc" : "desc") : null));

    /// <summary>What the work queued for the project is doing, for the banner the page keeps up to date.</summary>
    public static string StatusText(ProjectSummary summary) => (summary.Project.LastAnalysisState, summary.Retry) switch
    {
        (_, { } retry) => $"{Display.AnalysisState(summary.Project, retry).Text}, {Display.NextAttemptText(retry)}. Depwatch keeps trying.",
        (AnalysisStates.Running, _) => "Trivy is analysing the components…",
        (AnalysisStates.Failed, _) => $"The analysis failed: {summary.Project.LastAnalysisError}",
        (JobStates.Queued, _) => "Waiting to be analysed…",
        _ => "Reading the uploaded SBOM…",
    };

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var summary = await reader.ProjectAsync(Id, cancellationToken);
        if (summary is null)
        {
            return false;
        }
        Summary = summary;
        Relations = await reader.RelationsAsync(summary.Project, cancellationToken);
        History = HistoryChartView.FromRuns(await reader.HistoryAsync(Id, cancellationToken));
        SourceWarnings = await sourceWarnings.ForAsync(Id, cancellationToken);
        if (MayViewFindings)
        {
            var findings = await reader.FindingsAsync(Id, cancellationToken);
            SuppressedCount = findings.Count(f => f.Analysis.IsSuppressed);
            FindingCount = findings.Count - SuppressedCount;
            Sources = [.. findings.Select(f => f.Vulnerability.Source).Distinct().Order(StringComparer.Ordinal)];
            FindingPage = Findings.Apply(findings);
            Trails = await decisions.TrailsAsync([.. FindingPage.Items.Select(f => f.AnalysisId).OfType<Guid>()], cancellationToken);
            KnownAliases = await reader.KnownAsync(
                FindingPage.Items.SelectMany(f => f.Vulnerability.Aliases).Select(a => (a.Source, a.VulnId)), cancellationToken);
        }
        if (ShowComponents)
        {
            var (sort, descending) = (Sort switch { "version" => ComponentSort.Version, "purl" => ComponentSort.Purl, _ => ComponentSort.Name }, Dir == "desc");
            ComponentPage = await reader.ComponentsAsync(Id, Q, sort, descending, Math.Max(1, PageNumber), ComponentsPerPage, cancellationToken);
        }
        return true;
    }
}
