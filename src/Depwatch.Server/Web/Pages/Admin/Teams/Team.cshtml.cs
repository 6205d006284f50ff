using Depwatch.Server.Endpoints;
using Depwatch.Server.Teams;
using Depwatch.Server.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Admin.Teams;

/// <summary>One team: its name, permissions and API keys. A new key's secret is in the answer to the POST that made it, never stored.</summary>
internal sealed class TeamModel(TeamStore teams) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public Team Team { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    [BindProperty]
    public string? KeyId { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>A key just created or regenerated, the only time its secret is shown.</summary>
    public ApiKey? NewKey { get; private set; }

    [FromQuery(Name = "created")]
    public bool JustCreated { get; set; }

    /// <summary>Only the key of the delete form's error message.</summary>
    public string? Delete { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken cancellationToken)
    {
        if (TeamEndpoints.CheckName(Name) is { } error)
        {
            return await RefuseAsync(nameof(Name), error.Message, cancellationToken);
        }
        var change = await teams.RenameAsync(Id, Name!.Trim(), cancellationToken);
        return change.Status == TeamChangeStatus.Changed
            ? await DoneAsync("The team was renamed.", cancellationToken)
            : await RefuseAsync(nameof(Name), WebTeams.Describe(change.Status), cancellationToken);
    }

    public async Task<IActionResult> OnPostPermissionsAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var status = WebTeams.UnknownPermission(Permissions) is not null
            ? TeamChangeStatus.PermissionNotFound
            : await WebTeams.SetPermissionsAsync(teams, Team, Permissions, cancellationToken);
        return status == TeamChangeStatus.Changed
            ? await DoneAsync("The permissions were saved.", cancellationToken)
            : await RefuseAsync(nameof(Permissions), WebTeams.Describe(status), cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateKeyAsync(CancellationToken cancellationToken)
    {
        NewKey = await teams.CreateKeyAsync(Id, cancellationToken);
        return NewKey is null ? NotFound() : await DoneAsync(null, cancellationToken);
    }

    public async Task<IActionResult> OnPostRegenerateKeyAsync(CancellationToken cancellationToken)
    {
        NewKey = await teams.RegenerateKeyAsync(KeyId ?? "", cancellationToken);
        return NewKey is null
            ? await RefuseAsync(nameof(KeyId), TeamChange.KeyNotFoundText, cancellationToken)
            : await DoneAsync("The key has a new secret; the old one no longer works.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(CancellationToken cancellationToken)
    {
        var status = await teams.RevokeKeyAsync(KeyId ?? "", cancellationToken);
        return status == TeamChangeStatus.Changed
            ? await DoneAsync($"The key {KeyId} was revoked.", cancellationToken)
            : await RefuseAsync(nameof(KeyId), WebTeams.Describe(status), cancellationToken);
    }

    public async Task<IActionResult> OnPostCommentAsync(CancellationToken cancellationToken)
    {
        if (TeamEndpoints.CheckComment(Comment ?? "") is { } error)
        {
            return await RefuseAsync(nameof(Comment), error.Message, cancellationToken);
        }
        return await teams.CommentKeyAsync(KeyId ?? "", Comment, cancellationToken) is null
            ? await RefuseAsync(nameof(KeyId), TeamChange.KeyNotFoundText, cancellationToken)
            : await DoneAsync("The comment was saved.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var status = await teams.DeleteAsync(Id, cancellationToken);
        return status == TeamChangeStatus.Changed
            ? Redirect("/admin/teams")
            : await RefuseAsync(nameof(Delete), WebTeams.Describe(status), cancellationToken);
    }

    private async Task<IActionResult> DoneAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        ModelState.Clear();
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<IActionResult> RefuseAsync(string field, string error, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(field, error);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var team = await teams.FindAsync(Id, cancellationToken);
        Team = team!;
        return team is not null;
    }
}
