using System.Data.Common;
using System.Net.Sockets;
using Depwatch.Core.Analysis;

namespace Depwatch.Server.Jobs;

/// <summary>
/// Tells an outage, which ends by itself and is retried until it does, from a failure that may never change (a
/// database constraint, a value the database cannot store, a defect), which gets a bounded number of attempts.
/// </summary>
internal static class JobFailures
{
    public static bool IsOutage(Exception failure)
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            if (current is AnalyzerException or TimeoutException or OperationCanceledException or HttpRequestException or SocketException
                || current is DbException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What a failure is recorded as on its job: never shown to API users, who may not see database details.</summary>
    public static string Describe(Exception failure) => $"{failure.GetType().Name}: {failure.Message}";
}
