using Depwatch.Server.Endpoints;
using Depwatch.Server.Teams;
using Depwatch.Server.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Admin.Teams;

/// <summary>Teams with their permissions and keys, as Dependency-Track's Administration → Access Management → Teams.</summary>
internal sealed class TeamsModel(TeamStore teams) : PageModel
{
    public List<Team> Teams { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Teams = await teams.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var error = TeamEndpoints.CheckName(Name)?.Message ?? WebTeams.UnknownPermission(Permissions);
        if (error is null)
        {
            var created = await teams.CreateAsync(Name!.Trim(), cancellationToken);
            if (created.Team is { } team)
            {
                await WebTeams.SetPermissionsAsync(teams, team, Permissions, cancellationToken);
                return Redirect($"/admin/teams/{team.Uuid}?created=1");
            }
            error = TeamChange.NameTakenText;
        }
        ModelState.AddModelError(nameof(Name), error);
        Teams = await teams.ListAsync(cancellationToken);
        return Page();
    }
}
