using System.Net;

namespace Depwatch.Trivy.Twirp;

/// <summary>The Twirp error codes, and the code a Twirp client assumes for a status sent by an intermediary.</summary>
public static class TwirpErrorCodes
{
    public const string Canceled = "canceled";
    public const string Unknown = "unknown";
    public const string InvalidArgument = "invalid_argument";
    public const string Malformed = "malformed";
    public const string DeadlineExceeded = "deadline_exceeded";
    public const string NotFound = "not_found";
    public const string BadRoute = "bad_route";
    public const string AlreadyExists = "already_exists";
    public const string PermissionDenied = "permission_denied";
    public const string Unauthenticated = "unauthenticated";
    public const string ResourceExhausted = "resource_exhausted";
    public const string FailedPrecondition = "failed_precondition";
    public const string Aborted = "aborted";
    public const string OutOfRange = "out_of_range";
    public const string Unimplemented = "unimplemented";
    public const string Internal = "internal";
    public const string Unavailable = "unavailable";
    public const string DataLoss = "dataloss";

    private static readonly HashSet<string> s_all =
    [
        Canceled, Unknown, InvalidArgument, Malformed, DeadlineExceeded, NotFound, BadRoute, AlreadyExists,
        PermissionDenied, Unauthenticated, ResourceExhausted, FailedPrecondition, Aborted, OutOfRange,
        Unimplemented, Internal, Unavailable, DataLoss,
    ];

    public static bool IsKnown(string code) => s_all.Contains(code);

    /// <summary>The code for a non-Twirp error response, as the Twirp specification prescribes.</summary>
    public static string FromIntermediaryStatus(HttpStatusCode status) => (int)status switch
    {
        >= 300 and < 400 => Internal,
        400 => Internal,
        401 => Unauthenticated,
        403 => PermissionDenied,
        404 => BadRoute,
        429 => ResourceExhausted,
        502 or 503 or 504 => Unavailable,
        _ => Unknown,
    };
}
