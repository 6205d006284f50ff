using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>Reads and seeds the database behind a running instance, for what the API does not show.</summary>
public static class JobDatabase
{
    public static DepwatchDbContext Open(DepwatchApplication app) =>
        app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContext();

    public static async Task<Guid> AddProjectAsync(DepwatchApplication app, string? name = null)
    {
        await using var db = Open(app);
        var project = new ProjectEntity { Id = Guid.NewGuid(), Name = name ?? $"project-{Guid.NewGuid():N}", Created = DateTimeOffset.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    }

    public static async Task<Guid> EnqueueAsync(DepwatchApplication app, string kind, Guid projectId)
    {
        var token = Guid.NewGuid();
        await app.Services.GetRequiredService<IJobQueue>().EnqueueAsync(kind, projectId, token, null, CancellationToken.None);
        return token;
    }

    public static async Task<JobEntity> JobAsync(DepwatchApplication app, Guid token)
    {
        await using var db = Open(app);
        return await db.Jobs.AsNoTracking().SingleAsync(j => j.Token == token);
    }

    public static async Task<List<JobEntity>> JobsAsync(DepwatchApplication app)
    {
        await using var db = Open(app);
        return await db.Jobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync();
    }

    public static async Task<ProjectEntity> ProjectAsync(DepwatchApplication app, Guid projectId)
    {
        await using var db = Open(app);
        return await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing the test after <paramref name="timeout"/> (30 s by default).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }

    public static Task WaitForJobStateAsync(DepwatchApplication app, Guid token, string state) =>
        WaitUntilAsync(async () => (await JobAsync(app, token)).State == state, $"the job of token {token} is {state}");
}
