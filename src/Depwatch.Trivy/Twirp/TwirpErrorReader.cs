using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Depwatch.Trivy.Twirp;

/// <summary>Turns a non-200 Twirp response into a <see cref="TwirpException"/>.</summary>
internal static class TwirpErrorReader
{
    private const int MaxBodyChars = 4096;

    public static TwirpException Read(HttpStatusCode status, string body, HttpResponseHeaders headers)
    {
        var retryAfter = RetryAfter(headers);
        if (TryParseTwirpError(body, out var code, out var message))
        {
            return new TwirpException(code, message, status) { RetryAfter = retryAfter };
        }
        var excerpt = body.Length > MaxBodyChars ? body[..MaxBodyChars] + "…" : body;
        var detail = string.IsNullOrWhiteSpace(excerpt) ? "no body" : $"body: {excerpt.Trim()}";
        return new TwirpException(
            TwirpErrorCodes.FromIntermediaryStatus(status),
            $"HTTP {(int)status} {status} that is not a Twirp error ({detail})",
            status)
        { RetryAfter = retryAfter };
    }

    // A Twirp error is a JSON object with a known "code", a "msg" and optionally "meta", nothing else.
    private static bool TryParseTwirpError(string body, out string code, out string message)
    {
        code = message = "";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "code" when property.Value.ValueKind == JsonValueKind.String:
                        code = property.Value.GetString()!;
                        break;
                    case "msg" when property.Value.ValueKind == JsonValueKind.String:
                        message = property.Value.GetString()!;
                        break;
                    case "meta":
                        break;
                    default:
                        return false;
                }
            }
            return TwirpErrorCodes.IsKnown(code);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
