using Depwatch.Server.Configuration;
using Depwatch.Server.Web.Trivy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Admin.Analyzers;

/// <summary>Administration → Analyzers → Trivy: the <c>scanner</c> config properties, through the same store as the API.</summary>
internal sealed class TrivyModel(ConfigPropertyStore store, TrivyConnectionTest connectionTest) : PageModel
{
    [BindProperty]
    public TrivySettings Settings { get; set; } = new();

    public bool TokenStored { get; private set; }

    public TrivyTestView? Test { get; private set; }

    /// <summary>Set when Save ran the connection test first and it failed: nothing was saved, the page asks to confirm.</summary>
    public bool SaveWaitsForConfirmation { get; private set; }

    /// <summary>A token was typed into the form that waits for confirmation; it is never sent back, so it must be typed again.</summary>
    public bool TokenToRetype { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Settings = TrivySettings.From(await store.ListAsync(cancellationToken));
        TokenStored = await connectionTest.IsTokenStoredAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AddProblems(Settings.Check(forConnectionTest: false)))
        {
            return await RedisplayAsync(cancellationToken);
        }
        // An enabled analyzer that cannot reach its server fails every analysis: say so before saving, not after.
        if (Settings.Enabled && !Settings.SaveDespiteFailedTest && await connectionTest.RunAsync(Settings, cancellationToken) is { Result.IsUsable: false } failed)
        {
            Test = failed;
            SaveWaitsForConfirmation = true;
            TokenToRetype = !string.IsNullOrEmpty(Settings.ApiToken);
            return await RedisplayAsync(cancellationToken);
        }
        foreach (var update in Settings.Updates())
        {
            var outcome = await store.UpdateAsync(update, $"user {User.Identity?.Name}", cancellationToken);
            if (outcome is ConfigPropertyUpdate.Rejected rejected)
            {
                ModelState.AddModelError($"{nameof(Settings)}.{TrivySettings.FieldOf(update.PropertyName!)}", rejected.Error);
                return await RedisplayAsync(cancellationToken);
            }
        }
        Saved = (Settings.Enabled, Settings.SaveDespiteFailedTest) switch
        {
            (false, _) => "Saved. The Trivy analyzer is off: uploaded SBOMs are stored but not analysed.",
            (true, true) => "Saved, although the connection test failed: analyses fail and are retried until Depwatch can use the Trivy server.",
            (true, false) => "Saved. The connection test passed; the next analysis uses these settings.",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        if (!AddProblems(Settings.Check(forConnectionTest: true)))
        {
            Test = await connectionTest.RunAsync(Settings, cancellationToken);
        }
        if (Request.Headers["X-Requested-With"] == "fetch")
        {
            return Test is null ? Partial("_ErrorSummary") : Partial("_TrivyTestResult", Test);
        }
        return await RedisplayAsync(cancellationToken);
    }

    private bool AddProblems(Dictionary<string, string> problems)
    {
        foreach (var (field, problem) in problems)
        {
            ModelState.AddModelError($"{nameof(Settings)}.{field}", problem);
        }
        return problems.Count > 0;
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        Settings.ApiToken = null;
        TokenStored = await connectionTest.IsTokenStoredAsync(cancellationToken);
        return Page();
    }
}
