namespace Depwatch.Server.Configuration;

/// <summary>Completes once the config properties exist and carry the start-up configuration; readers wait for it.</summary>
internal sealed class ConfigPropertySeeding
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _done.Task;

    public void Complete() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
