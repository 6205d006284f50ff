using Depwatch.Server.Ingest;
using Depwatch.Server.Options;

namespace Depwatch.Server.Tests.Boms;

/// <summary>The budget that bounds the memory BOMs take: shares, turns in order, and giving up after a wait.</summary>
public sealed class BomMemoryBudgetTests
{
    private const long Mb = 1024 * 1024;

    private readonly BomMemoryBudget _budget = new(Microsoft.Extensions.Options.Options.Create(
        new DepwatchOptions { MaxRequestBytes = 50 * Mb, BomMemoryBytes = 100 * Mb }));

    [Fact]
    public async Task Work_within_the_budget_runs_at_once_and_more_waits_until_a_share_is_given_back()
    {
        var first = await _budget.EnterAsync(60 * Mb, CancellationToken.None);
        var second = await _budget.EnterAsync(40 * Mb, CancellationToken.None);

        var third = _budget.EnterAsync(10 * Mb, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        second.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        first.Dispose();
    }

    [Fact]
    public async Task Turns_are_taken_in_order_so_a_large_bom_is_not_overtaken_by_small_ones()
    {
        var held = await _budget.EnterAsync(90 * Mb, CancellationToken.None);
        var large = _budget.EnterAsync(50 * Mb, CancellationToken.None);
        var small = _budget.EnterAsync(5 * Mb, CancellationToken.None);
        await Task.Delay(100);

        Assert.False(small.IsCompleted);
        held.Dispose();
        (await large.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await small.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_wait_that_runs_out_gets_nothing_and_leaves_the_budget_as_it_was()
    {
        var held = await _budget.EnterAsync(100 * Mb, CancellationToken.None);

        var refused = await _budget.TryEnterAsync(10 * Mb, TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Null(refused);
        held.Dispose();
        using var whole = await _budget.TryEnterAsync(100 * Mb, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(whole);
    }

    [Fact]
    public async Task A_bom_larger_than_the_budget_runs_alone()
    {
        using (await _budget.EnterAsync(500 * Mb, CancellationToken.None))
        {
            Assert.Null(await _budget.TryEnterAsync(1, TimeSpan.FromMilliseconds(50), CancellationToken.None));
        }
        using var after = await _budget.TryEnterAsync(1, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(after);
    }
}
