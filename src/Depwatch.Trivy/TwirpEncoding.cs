namespace Depwatch.Trivy;

/// <summary>The body encoding of Twirp requests.</summary>
public enum TwirpEncoding
{
    /// <summary>Binary protobuf: field numbers never changed, so every server generation reads it alike.</summary>
    Protobuf,

    /// <summary>JSON, sending the old and new names of renamed fields so old and new servers both read it.</summary>
    Json,
}
