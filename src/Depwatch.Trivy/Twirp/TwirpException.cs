using System.Net;

namespace Depwatch.Trivy.Twirp;

/// <summary>A Twirp call failed: the server's error code and message, or what the transport saw instead.</summary>
public sealed class TwirpException(string code, string message, HttpStatusCode? status = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The Twirp error code (<c>unauthenticated</c>, <c>unavailable</c>, …).</summary>
    public string Code { get; } = code;

    public HttpStatusCode? Status { get; } = status;

    /// <summary>How long the server asked us to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Worth trying again: the server or the network may recover.</summary>
    public bool IsTransient => Code is TwirpErrorCodes.Unavailable or TwirpErrorCodes.ResourceExhausted
        || Status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
