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

    public UploadFormView Upload { get; private set; } = new(true, null, null, new Dictionary<string, string>());

    public bool MayUpload => User.Has(Permissions.BomUpload);

    public bool MayCreate => User.Has(Permissions.ProjectCreationUpload) || User.Has(Permissions.PortfolioManagement);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

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
        }
    }
}
