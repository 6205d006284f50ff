using System.Text;
using Depwatch.Server.Endpoints.Models;

namespace Depwatch.Server.Tests.Findings;

/// <summary>The findings cache is keyed by the client's <c>source</c> filter: what clients send must not grow it.</summary>
public sealed class FindingsCacheTests
{
    private const string Version = "v1";

    [Fact]
    public async Task Made_up_sources_keep_nothing_and_push_out_no_answer_a_pipeline_polls()
    {
        var cache = new FindingsCache();
        var project = Guid.NewGuid();
        var builds = 0;
        await cache.GetAsync(new FindingsQuery(project, null, false), Version, () => Answer(3, ref builds), CancellationToken.None);

        for (var i = 0; i < 60_000; i++)
        {
            var source = $"made-up-{i}-" + new string('x', 200);
            await cache.GetAsync(new FindingsQuery(project, source, false), Version, () => Task.FromResult(FindingsAnswer.Create(Version, "[]"u8.ToArray(), 0)), CancellationToken.None);
        }

        Assert.Equal(1, cache.Count);
        await cache.GetAsync(new FindingsQuery(project, null, false), Version, () => Answer(3, ref builds), CancellationToken.None);
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task At_most_a_fixed_number_of_answers_is_kept_and_the_least_recently_used_goes_first()
    {
        var cache = new FindingsCache();
        var polled = Guid.NewGuid();
        var builds = 0;
        await cache.GetAsync(new FindingsQuery(polled, null, false), Version, () => Answer(1, ref builds), CancellationToken.None);

        for (var i = 0; i < 1_000; i++)
        {
            var ignored = 0;
            await cache.GetAsync(new FindingsQuery(Guid.NewGuid(), "NVD", false), Version, () => Answer(1, ref ignored), CancellationToken.None);
            await cache.GetAsync(new FindingsQuery(polled, null, false), Version, () => Answer(1, ref builds), CancellationToken.None);
        }

        Assert.Equal(FindingsCache.MaxEntries, cache.Count);
        Assert.Equal(1, builds);
    }

    private static Task<FindingsAnswer> Answer(int count, ref int builds)
    {
        builds++;
        var json = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{}", count)) + "]");
        return Task.FromResult(FindingsAnswer.Create(Version, json, count));
    }
}
