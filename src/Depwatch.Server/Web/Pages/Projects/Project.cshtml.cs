using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.PackageIndexes;
using Depwatch.Server.Web.Portfolio;
using Depwatch.Server.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Depwatch.Server.Web.Pages.Projects;

/// <summary>A project: its findings and components, their history, an SBOM upload and "Analyze now".</summary>
internal sealed class ProjectModel(
    PortfolioReader reader, WebBomUpload uploads, IJobQueue queue, AnalysisRequests analyses, ProjectSourceWarnings sourceWarnings) : PageModel
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

    public FindingQuery Findings => new(Severity, Source, Fix, Sort, Dir, PageNumber);

    public Paged<FindingRow>? FindingPage { get; private set; }

    public int FindingCount { get; private set; }

    public IReadOnlyList<string> Sources { get; private set; } = [];

    public IReadOnlySet<string> KnownAliases { get; private set; } = new HashSet<string>();

    public Paged<ComponentEntity>? ComponentPage { get; private set; }

    public List<AnalysisRunEntity> History { get; private set; } = [];

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

    /// <summary>This page's address with some query values changed (null removes one); the page number resets unless given.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["view"] = View, ["severity"] = Severity, ["source"] = Source, ["fix"] = Fix, ["sort"] = Sort, ["dir"] = Dir, ["q"] = Q,
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
        History = await reader.HistoryAsync(Id, cancellationToken);
        SourceWarnings = await sourceWarnings.ForAsync(Id, cancellationToken);
        if (MayViewFindings)
        {
            var findings = await reader.FindingsAsync(Id, cancellationToken);
            FindingCount = findings.Count;
            Sources = [.. findings.Select(f => f.Vulnerability.Source).Distinct().Order(StringComparer.Ordinal)];
            FindingPage = Findings.Apply(findings);
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
