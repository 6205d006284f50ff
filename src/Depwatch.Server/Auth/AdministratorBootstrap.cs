using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Auth;

/// <summary>
/// On first start, creates the Administrators team with every permission and its key: the value of
/// <c>DEPWATCH_ADMIN_API_KEY</c> if set, else a generated key written once to a file only the owner can read.
/// </summary>
internal sealed partial class AdministratorBootstrap(
    IDbContextFactory<DepwatchDbContext> contexts, IOptions<DepwatchOptions> options, DataDirectory dataDirectory,
    TimeProvider time, ILogger<AdministratorBootstrap> logger) : IHostedService
{
    public const string TeamName = "Administrators";
    public const string KeyFileName = "admin-api-key.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Teams.AnyAsync(t => t.Name == TeamName, cancellationToken))
        {
            return;
        }
        var team = new TeamEntity { Id = Guid.NewGuid(), Name = TeamName, Permissions = string.Join(',', Permissions.All) };
        var (key, publicId, secretHash) = options.Value.AdminApiKey is { Length: > 0 } chosen ? ApiKeys.ForChosenKey(chosen) : ApiKeys.Generate();
        db.Teams.Add(team);
        db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid(), TeamId = team.Id, PublicId = publicId, SecretHash = secretHash, Created = time.GetUtcNow(), Comment = "created at first start" });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance sharing the database created the team a moment ago.
            return;
        }
        if (options.Value.AdminApiKey is not { Length: > 0 })
        {
            dataDirectory.WriteSecretFile(KeyFileName, key + "\n");
            LogKeyWritten(logger, dataDirectory.PathOf(KeyFileName));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Created the administrator API key; it is in {File}, readable only by this user.")]
    private static partial void LogKeyWritten(ILogger logger, string file);
}
