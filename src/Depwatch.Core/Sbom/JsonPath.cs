using System.Globalization;

namespace Depwatch.Core.Sbom;

/// <summary>
/// A JSON path such as <c>$.components[3].purl</c>, kept in parts so that the common one-step
/// extensions of an object's path cost no string until the path is actually shown.
/// </summary>
internal readonly struct JsonPath
{
    private readonly string _base;
    private readonly int _index;
    private readonly string? _member;

    public JsonPath(string path)
        : this(path, -1, null)
    {
    }

    private JsonPath(string @base, int index, string? member)
    {
        _base = @base;
        _index = index;
        _member = member;
    }

    public static JsonPath Root { get; } = new("$");

    public JsonPath Member(string name) =>
        _member is null ? new JsonPath(_base, _index, name) : new JsonPath(ToString(), -1, name);

    public JsonPath Element(int index) =>
        _member is null && _index < 0 ? new JsonPath(_base, index, null) : new JsonPath(ToString(), index, null);

    public override string ToString()
    {
        var indexed = _index < 0 ? _base : $"{_base}[{_index.ToString(CultureInfo.InvariantCulture)}]";
        return _member is null ? indexed : $"{indexed}.{_member}";
    }
}
