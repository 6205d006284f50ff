using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>A job handler whose behaviour a test supplies.</summary>
public sealed class TestJobHandler(string kind, Func<JobEntity, CancellationToken, Task> run) : IJobHandler
{
    public string Kind => kind;

    public Task RunAsync(JobEntity job, CancellationToken cancellationToken) => run(job, cancellationToken);

    /// <summary>A registration for <see cref="Support.DepwatchApplication.StartAsync"/>'s <c>services</c>.</summary>
    public static Action<IServiceCollection> Register(string kind, Func<JobEntity, CancellationToken, Task> run) =>
        services => services.AddSingleton<IJobHandler>(new TestJobHandler(kind, run));
}
