using Depwatch.Core.Triage.Vex;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Options;
using Depwatch.Server.Triage;
using Depwatch.Server.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Web.Pages.Projects;

/// <summary>A CycloneDX VEX imported into a project from its page, and the report of what each statement matched.</summary>
internal sealed class VexModel(IDbContextFactory<DepwatchDbContext> contexts, VexImporter importer, IOptions<DepwatchOptions> options) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public ProjectEntity Project { get; private set; } = null!;

    public VexImportReport? Report { get; private set; }

    /// <summary>How the report says a statement's ref was matched.</summary>
    public static string MatchedBy(VexMatchKind kind) => kind switch
    {
        VexMatchKind.Product => "the whole project",
        VexMatchKind.BomRef => "bom-ref",
        VexMatchKind.Purl => "purl",
        _ => "name and version",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? vex, CancellationToken cancellationToken)
    {
        if (!User.Has(Permissions.VulnerabilityAnalysis))
        {
            return Forbid();
        }
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (await ReadAsync(vex, cancellationToken) is { } statements)
        {
            var token = Guid.NewGuid();
            Report = await importer.ImportAsync(Id, statements, statements.Describe($"upload {token:D}"), User.Identity?.Name ?? "unknown", cancellationToken);
        }
        return Page();
    }

    private async Task<VexStatements?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is not { Length: > 0 })
        {
            ModelState.AddModelError("Vex", "Choose a CycloneDX VEX file (JSON or XML) to import.");
            return null;
        }
        if (file.Length > options.Value.MaxRequestBytes)
        {
            ModelState.AddModelError("Vex", $"The file is larger than the {options.Value.MaxRequestBytes / (1024 * 1024)} MB this server accepts.");
            return null;
        }
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, cancellationToken);
        try
        {
            return VexReader.Read(content.ToArray(), VexFormat.CycloneDx);
        }
        catch (VexFormatException e)
        {
            ModelState.AddModelError("Vex", $"This file is not a CycloneDX VEX Depwatch can read: {e.Problem} (at {e.Location}). Nothing was changed.");
            return null;
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Project = (await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id, cancellationToken))!;
        return Project is not null;
    }
}
