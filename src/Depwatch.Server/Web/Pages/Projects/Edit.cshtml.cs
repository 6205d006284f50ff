using Depwatch.Server.Auth;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Web.Portfolio;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Projects;

/// <summary>Creating (no id) and editing a project, deactivating and deleting it: PORTFOLIO_MANAGEMENT, as on the API.</summary>
[Authorize(Policy = Permissions.PortfolioManagement)]
internal sealed class EditProjectModel(WebProjects projects) : PageModel
{
    [FromRoute]
    public Guid? Id { get; set; }

    [BindProperty]
    public ProjectForm Form { get; set; } = new();

    public ProjectJson? Project { get; private set; }

    public List<ProjectParentJson> ParentChoices { get; private set; } = [];

    /// <summary>Only the key of the delete form's error message.</summary>
    public string? Delete { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? parent, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        Form = Project is null ? new ProjectForm { Parent = parent } : ProjectForm.From(Project);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = Id is { } id ? await projects.UpdateAsync(id, Form, cancellationToken) : await projects.CreateAsync(Form, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.ProjectId is { } projectId)
        {
            return Redirect($"/projects/{projectId}");
        }
        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, message);
        }
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        Id is { } id && await projects.DeleteAsync(id, cancellationToken) ? Redirect("/") : NotFound();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            Project = await projects.FindAsync(id, cancellationToken);
            if (Project is null)
            {
                return false;
            }
        }
        ParentChoices = await projects.ParentChoicesAsync(Id, cancellationToken);
        return true;
    }
}
