using Depwatch.Server.Analysis;
using Depwatch.Server.Configuration;
using Depwatch.Server.ManagedTrivy;
using Depwatch.Server.Web.Trivy;
using Depwatch.Trivy.Servers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Admin.Analyzers;

/// <summary>
/// Administration → Analyzers → Trivy: the <c>scanner</c> config properties, through the same store as the API, the
/// Trivy server Depwatch runs itself if it does, and how each server has fared with this instance's analyses.
/// </summary>
internal sealed class TrivyModel(
    ConfigPropertyStore store, TrivyConnectionTest connectionTest, ManagedTrivyServer managed, ITrivyConfiguration configuration,
    TrivyAnalyzerProvider analyzers) : PageModel
{
    [BindProperty]
    public TrivySettings Settings { get; set; } = new();

    public bool TokenStored { get; private set; }

    /// <summary>The connection test's outcome for each server named, when one ran.</summary>
    public IReadOnlyList<TrivyTestView>? Test { get; private set; }

    /// <summary>The Trivy server Depwatch runs; null when it runs none.</summary>
    public ManagedTrivyStatus? Managed { get; private set; }

    /// <summary>The servers analyses go to now, as this instance has seen them.</summary>
    public IReadOnlyList<TrivyServerStatus> Servers { get; private set; } = [];

    /// <summary>Set when Save ran the connection test first and it failed: nothing was saved, the page asks to confirm.</summary>
    public bool SaveWaitsForConfirmation { get; private set; }

    /// <summary>A token was typed into the form that waits for confirmation; it is never sent back, so it must be typed again.</summary>
    public bool TokenToRetype { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Settings = TrivySettings.From(await store.ListAsync(cancellationToken));
        await ShowStateAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AddProblems(Settings.Check(forConnectionTest: false)))
        {
            return await RedisplayAsync(cancellationToken);
        }
        // An enabled analyzer that cannot reach its server fails every analysis: say so before saving, not after.
        if (Settings.Enabled && !Settings.SaveDespiteFailedTest
            && await connectionTest.RunAsync(Settings, cancellationToken) is var tests && tests.Any(test => !test.Result.IsUsable))
        {
            Test = tests;
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
            return Test is null ? Partial("_ErrorSummary") : Partial("_TrivyTestResults", Test);
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
        await ShowStateAsync(cancellationToken);
        return Page();
    }

    private async Task ShowStateAsync(CancellationToken cancellationToken)
    {
        TokenStored = await connectionTest.IsTokenStoredAsync(cancellationToken);
        Managed = managed.Status;
        try
        {
            Servers = await configuration.GetOptionsAsync(cancellationToken) is { } options ? analyzers.Servers.Status(options.Servers) : [];
        }
        catch (Secrets.SecretUnreadableException)
        {
            // The connection test says what is wrong with the token; the page still shows the settings.
            Servers = [];
        }
    }
}
