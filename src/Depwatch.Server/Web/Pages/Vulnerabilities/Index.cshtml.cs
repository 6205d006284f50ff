using Depwatch.Server.Analysis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Depwatch.Server.Web.Pages.Vulnerabilities;

/// <summary>Every vulnerability Depwatch has recorded, searchable, with how many projects it is in now.</summary>
internal sealed class IndexModel(VulnerabilityCatalogue catalogue) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Part of the identifier, an alias, the title or the description.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CataloguePage Found { get; private set; } = new([], 0);

    public int Pages => Math.Max(1, (Found.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Found = await catalogue.SearchAsync(Q, (PageNumber - 1) * PageSize, PageSize, order: null, cancellationToken);
    }

    public string Link(int page) => QueryHelpers.AddQueryString("/vulnerabilities",
        new Dictionary<string, string?> { ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => p.Value is not null));
}
