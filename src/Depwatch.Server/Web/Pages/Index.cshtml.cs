using Depwatch.Server.Auth;
using Depwatch.Server.Web.Portfolio;
using Depwatch.Server.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages;

/// <summary>The portfolio: every project with its state and severities, the totals, and an SBOM upload.</summary>
internal sealed class IndexModel(PortfolioReader reader, WebBomUpload uploads) : PageModel
{
    public PortfolioView? Portfolio { get; private set; }

    public HistoryChartView? History { get; private set; }

    public PortfolioQuery Query { get; private set; } = PortfolioQuery.From(null, null, null, null, false);

    public List<PortfolioRow> Rows { get; private set; } = [];

    public UploadFormView Upload { get; private set; } = new(true, null, null, new Dictionary<string, string>());

    public bool MayUpload => User.Has(Permissions.BomUpload);

    public bool MayCreate => User.Has(Permissions.ProjectCreationUpload) || User.Has(Permissions.PortfolioManagement);

    public bool MayManage => User.Has(Permissions.PortfolioManagement);

    public async Task OnGetAsync(string? q, string? tag, string? sort, string? dir, bool inactive, CancellationToken cancellationToken)
    {
        Query = PortfolioQuery.From(q, tag, sort, dir, inactive);
        await LoadAsync(cancellationToken);
    }

    /// <summary>This page's address with some choices changed (null: left out), the others kept.</summary>
    public string Link(params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Query.Search, ["tag"] = Query.Tag, ["sort"] = Query.Sort == "name" ? null : Query.Sort,
            ["dir"] = Query.Descending ? "desc" : null, ["inactive"] = Query.ShowInactive ? "true" : null,
        };
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }
        var query = string.Join('&', values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return query.Length == 0 ? "/" : "/?" + query;
    }

    /// <summary>A column heading's link: ascending first, then descending on the next click.</summary>
    public string SortLink(string column) =>
        Link(("sort", column), ("dir", Query.Sort == column && !Query.Descending ? "desc" : null));

    public string? AriaSort(string column) => Query.Sort == column ? (Query.Descending ? "descending" : "ascending") : null;

    public async Task<IActionResult> OnPostUploadAsync(string? projectName, string? projectVersion, IFormFile? bom, CancellationToken cancellationToken)
    {
        if (!MayUpload)
        {
            return Forbid();
        }
        var result = await uploads.UploadAsync(null, projectName, projectVersion, bom, User, cancellationToken);
        if (result.Token is { } token && result.ProjectId is { } projectId)
        {
            return Redirect($"/projects/{projectId}?token={token}");
        }
        Upload = new UploadFormView(true, projectName, projectVersion, result.Errors);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (User.Has(Permissions.ViewPortfolio))
        {
            Portfolio = await reader.PortfolioAsync(cancellationToken);
            History = await reader.PortfolioHistoryAsync(Portfolio.Totals, cancellationToken);
            Rows = PortfolioList.Rows(Portfolio, Query);
        }
    }
}
