using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Depwatch.Trivy.Twirp;

/// <summary>Encodes requests and decodes responses in either Twirp encoding.</summary>
internal static class TwirpCodec
{
    private static readonly JsonFormatter s_formatter =
        new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    private static readonly JsonParser s_parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static byte[] Encode(IMessage request, TwirpEncoding encoding)
    {
        if (encoding == TwirpEncoding.Protobuf)
        {
            return request.ToByteArray();
        }
        var json = JsonNode.Parse(s_formatter.Format(request))!;
        LegacyJsonNames.Add(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    public static TResponse Decode<TResponse>(byte[] body, TwirpEncoding encoding, MessageParser<TResponse> parser, string method)
        where TResponse : IMessage<TResponse>, new()
    {
        try
        {
            return encoding == TwirpEncoding.Json
                ? s_parser.Parse<TResponse>(Encoding.UTF8.GetString(body))
                : parser.ParseFrom(body);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or JsonException or FormatException)
        {
            throw new TwirpException(TwirpErrorCodes.Malformed,
                $"the answer to {method} is not a valid {encoding} {typeof(TResponse).Name} ({e.Message})", inner: e);
        }
    }
}
