using System.Text.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Configuration;
using MimeKit;

namespace Depwatch.Server.Notifications;

/// <summary>
/// A rule's publisher settings: where to send (a URL, or e-mail recipients) and the webhook's signing secret. Stored
/// encrypted as a whole, because destinations such as Slack's webhook URLs carry their token; shown with the URL's
/// path and query and the secret hidden, and a hidden value sent back keeps the stored one.
/// </summary>
public sealed record RuleDestination(string? Destination, string? Secret)
{
    public const string HiddenSecret = ConfigPropertyTypes.EncryptedPlaceholder;
    public const int MaxDestinationLength = 2048;
    public const int MaxSecretLength = 256;
    private const string HiddenPath = "/HiddenDecryptedPropertyPlaceholder";

    public static readonly RuleDestination None = new(null, null);

    /// <summary>Dependency-Track's publisherConfig text, e.g. <c>{"destination":"https://…"}</c>, with what may not be shown hidden.</summary>
    public string ToShownConfig()
    {
        var json = new JsonObject();
        if (Destination is not null)
        {
            json["destination"] = Hide(Destination);
        }
        if (Secret is not null)
        {
            json["secret"] = HiddenSecret;
        }
        return json.ToJsonString();
    }

    public string ToStoredJson() => JsonSerializer.Serialize(new JsonObject { ["destination"] = Destination, ["secret"] = Secret });

    public static RuleDestination FromStoredJson(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        return new((string?)node["destination"], (string?)node["secret"]);
    }

    /// <summary>Reads a client's publisherConfig over the stored settings: hidden values keep what is stored.</summary>
    /// <returns>The settings, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static RuleDestination? Parse(string? config, RuleDestination stored, string publisherClass, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(config))
        {
            return stored;
        }
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(config) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }
        if (json is null)
        {
            error = "publisherConfig must be a JSON object in a string, such as {\"destination\":\"https://example.com/hook\"}.";
            return null;
        }
        var destination = Text(json, "destination", MaxDestinationLength, ref error);
        var secret = Text(json, "secret", MaxSecretLength, ref error);
        if (error is not null)
        {
            return null;
        }
        destination = destination is not null && stored.Destination is not null && destination == Hide(stored.Destination) ? stored.Destination : destination;
        secret = secret == HiddenSecret ? stored.Secret : secret;
        error = destination is null ? null : CheckDestination(destination, publisherClass);
        return error is null ? new RuleDestination(destination, string.IsNullOrEmpty(secret) ? null : secret) : null;
    }

    /// <summary>The e-mail recipients of an e-mail destination (comma-separated addresses).</summary>
    public static IReadOnlyList<MailboxAddress> Recipients(string destination) =>
        [.. destination.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => MailboxAddress.TryParse(a, out var address) ? address : throw new FormatException(a))];

    private static string? CheckDestination(string destination, string publisherClass)
    {
        if (PublisherClasses.SendsEmail(publisherClass))
        {
            try
            {
                return Recipients(destination).Count > 0 ? null : "The destination must list at least one e-mail address.";
            }
            catch (FormatException e)
            {
                return $"The destination lists '{e.Message}', which is not an e-mail address.";
            }
        }
        return ConfigPropertyValues.IsHttpUrl(destination) ? null : "The destination must be an http or https URL.";
    }

    private static string? Text(JsonObject json, string name, int maxLength, ref string? error)
    {
        if (json[name] is not JsonNode node)
        {
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            error = $"publisherConfig.{name} must be a string.";
            return null;
        }
        var value = node.GetValue<string>().Trim();
        if (value.Length > maxLength || value.Any(char.IsControl))
        {
            error = $"publisherConfig.{name} must be at most {maxLength} characters, without control characters.";
            return null;
        }
        return value.Length == 0 ? null : value;
    }

    /// <summary>A URL without what may hold a token (user info, path, query); e-mail addresses as they are.</summary>
    private static string Hide(string destination) =>
        Uri.TryCreate(destination, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority).Replace(uri.UserInfo + "@", "", StringComparison.Ordinal) + HiddenPath
            : destination;
}
