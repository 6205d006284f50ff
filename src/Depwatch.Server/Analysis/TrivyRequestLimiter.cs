namespace Depwatch.Server.Analysis;

/// <summary>
/// Lets at most a fixed number of requests to Trivy be in flight from this process, whatever analyzer or project
/// sends them, so a burst of analyses cannot overload the Trivy server.
/// </summary>
internal sealed class TrivyRequestLimiter(int maxConcurrentRequests) : DelegatingHandler
{
    private readonly SemaphoreSlim _slots = new(maxConcurrentRequests, maxConcurrentRequests);

    public int MaxConcurrentRequests => maxConcurrentRequests;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }
        base.Dispose(disposing);
    }
}
