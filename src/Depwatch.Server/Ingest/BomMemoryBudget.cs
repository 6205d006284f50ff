using Depwatch.Server.Options;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Ingest;

/// <summary>
/// Bounds the memory that work on BOMs takes, whatever clients send: an upload being read and checked, an ingest and
/// an analysis each hold an estimate of their memory out of <see cref="DepwatchOptions.BomMemoryBytes"/> while they
/// run, and work beyond the budget waits for its turn, first come, first served. Work estimated above the whole
/// budget waits until it runs alone.
/// </summary>
internal sealed class BomMemoryBudget(IOptions<DepwatchOptions> options)
{
    // Measured on generated SBOMs at the upload limit (bench/server.sh, docs/benchmarks.md), with some room. A multipart
    // upload is checked and compressed as it arrives; a Base64 one is first read whole, then decoded. An ingest holds
    // the parsed document and its rows; an analysis, the inventory twice (rows and components) and Trivy's messages.
    private const long StreamedUploadFactor = 1;
    private const long BufferedUploadFactor = 3;
    private const long IngestFactor = 6;
    private const long AnalysisBytesPerComponent = 3000;

    // A share of at least an eighth of the budget (56 MiB at the defaults) is given back to the system when it ends.
    private const long LargeShareDivisor = 8;

    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private long _inUse;

    public long Total => options.Value.BomMemoryBytes;

    /// <summary>How much of the budget is held at this moment.</summary>
    public long InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse;
            }
        }
    }

    /// <summary>What checking a multipart upload of <paramref name="requestBytes"/> takes as it arrives.</summary>
    public static long ForStreamedUpload(long requestBytes) => StreamedUploadFactor * requestBytes;

    /// <summary>What reading, decoding and checking a Base64 upload of <paramref name="requestBytes"/> takes.</summary>
    public static long ForBufferedUpload(long requestBytes) => BufferedUploadFactor * requestBytes;

    /// <summary>What ingesting a document of <paramref name="documentBytes"/> takes.</summary>
    public static long ForIngest(long documentBytes) => IngestFactor * documentBytes;

    /// <summary>What analysing an inventory of <paramref name="components"/> takes.</summary>
    public static long ForAnalysis(long components) => AnalysisBytesPerComponent * components;

    /// <summary>Waits until <paramref name="bytes"/> of the budget are free and holds them until the result is disposed.</summary>
    public async Task<IDisposable> EnterAsync(long bytes, CancellationToken cancellationToken) =>
        await TryEnterAsync(bytes, Timeout.InfiniteTimeSpan, cancellationToken)
        ?? throw new InvalidOperationException("An endless wait ended without a share of the budget.");

    /// <summary>As <see cref="EnterAsync"/>, but gives up after <paramref name="wait"/>: null then.</summary>
    public async Task<IDisposable?> TryEnterAsync(long bytes, TimeSpan wait, CancellationToken cancellationToken)
    {
        var share = Math.Clamp(bytes, 0, Total);
        Waiter waiter;
        lock (_lock)
        {
            if (_waiting.Count == 0 && _inUse + share <= Total)
            {
                _inUse += share;
                return new Share(this, share);
            }
            waiter = new Waiter(share);
            waiter.Node = _waiting.AddLast(waiter);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (wait != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(wait);
        }
        try
        {
            await waiter.Turn.Task.WaitAsync(timeout.Token);
            return new Share(this, share);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                if (waiter.Node!.List is not null)
                {
                    _waiting.Remove(waiter.Node);
                    // The head may have been the one in the way of those behind it.
                    AdmitWaiting();
                    cancellationToken.ThrowIfCancellationRequested();
                    return null;
                }
            }
            // The turn came at the same moment: it is taken, so it must be given back.
            Release(share);
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    private void Release(long share)
    {
        lock (_lock)
        {
            _inUse -= share;
            AdmitWaiting();
        }
        // What a large BOM took is garbage now, but the collector would only look for it when the next work allocates,
        // and that work's memory would come on top of it: the peak would be twice the budget. Collected and given back
        // now, it is not (a full collection of what little is left alive takes milliseconds).
        if (share >= Total / LargeShareDivisor)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private void AdmitWaiting()
    {
        while (_waiting.First is { } first && _inUse + first.Value.Bytes <= Total)
        {
            _waiting.RemoveFirst();
            _inUse += first.Value.Bytes;
            first.Value.Turn.TrySetResult();
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes => bytes;

        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }

    private sealed class Share(BomMemoryBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
