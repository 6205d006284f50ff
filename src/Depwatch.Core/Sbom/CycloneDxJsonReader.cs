using System.Text.Json;

namespace Depwatch.Core.Sbom;

/// <summary>Reads a CycloneDX JSON document from a stream, token by token.</summary>
internal sealed partial class CycloneDxJsonReader
{
    private static readonly string[] s_rootMembers =
        ["bomFormat", "specVersion", "serialNumber", "version", "metadata", "components", "dependencies"];

    private readonly JsonTokenReader _json;
    private readonly BomAssembler _bom;
    private readonly CancellationToken _cancellationToken;
    private bool _hasBomFormat;
    private string? _specVersion;
    private string? _serialNumber;
    private int? _version;

    private CycloneDxJsonReader(JsonTokenReader json, BomAssembler bom, CancellationToken cancellationToken)
    {
        _json = json;
        _bom = bom;
        _cancellationToken = cancellationToken;
    }

    public static Task<Bom> ReadAsync(
        Stream stream, DocumentPrefix prefix, CycloneDxReaderOptions options, CancellationToken cancellationToken)
    {
        var json = new JsonTokenReader(stream, prefix);
        return new CycloneDxJsonReader(json, new BomAssembler(options), cancellationToken).ReadDocumentAsync();
    }

    private async Task<Bom> ReadDocumentAsync()
    {
        var root = JsonPath.Root;
        await _json.ReadAsync(root, _cancellationToken);
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            throw _json.WrongKind(root, "an object (a CycloneDX document)");
        }
        var seen = new MemberSet(s_rootMembers);
        while (await _json.ReadMemberAsync(root, _cancellationToken) is { } name)
        {
            if (!seen.TryAdd(name))
            {
                throw MemberSet.Duplicate(name, root.Member(name).ToString());
            }
            await ReadRootMemberAsync(name, root.Member(name));
        }
        await _json.ReadEndOfDocumentAsync(_cancellationToken);
        return _bom.Build(RequireHeader(), _serialNumber, _version);
    }

    private ValueTask ReadRootMemberAsync(string name, JsonPath path)
    {
        switch (name)
        {
            case "bomFormat":
                ReadBomFormat(path);
                break;
            case "specVersion":
                ReadSpecVersion(path);
                break;
            case "serialNumber":
                _serialNumber = _json.GetOptionalString(path);
                break;
            case "version":
                _version = _json.GetOptionalInt32(path);
                break;
            case "metadata":
                return ReadMetadataAsync(path);
            case "components":
                return ReadComponentsAsync(path, nesting: 1);
            case "dependencies":
                return ReadDependenciesAsync(path);
            default:
                return _json.SkipAsync(path, _cancellationToken);
        }
        return ValueTask.CompletedTask;
    }

    // The header is checked as soon as it is seen, and for presence at the end: members may come in any order.
    private void ReadBomFormat(JsonPath path)
    {
        var bomFormat = _json.GetString(path);
        if (bomFormat != CycloneDxSpec.BomFormat)
        {
            throw new BomFormatException(
                $"not a CycloneDX document: bomFormat is '{bomFormat}', expected '{CycloneDxSpec.BomFormat}'",
                path.ToString());
        }
        _hasBomFormat = true;
    }

    private void ReadSpecVersion(JsonPath path)
    {
        var specVersion = _json.GetString(path);
        _specVersion = CycloneDxSpec.FindVersion(specVersion) ?? throw new BomFormatException(
            $"unsupported CycloneDX specVersion '{specVersion}': Depwatch reads {CycloneDxSpec.SupportedRange}",
            path.ToString());
    }

    private string RequireHeader()
    {
        if (!_hasBomFormat)
        {
            throw new BomFormatException("not a CycloneDX document: bomFormat is missing", JsonPath.Root.ToString());
        }
        return _specVersion
            ?? throw new BomFormatException("specVersion is missing", JsonPath.Root.ToString());
    }
}
