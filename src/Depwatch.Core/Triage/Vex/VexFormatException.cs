namespace Depwatch.Core.Triage.Vex;

/// <summary>The document is not a VEX Depwatch can read. <see cref="Location"/> says where.</summary>
public sealed class VexFormatException(string problem, string location, Exception? inner = null)
    : Exception($"{problem} (at {location})", inner)
{
    public string Problem { get; } = problem;

    /// <summary>A JSON path such as <c>$.vulnerabilities[2].analysis.state</c>, or <c>line 12, position 5</c> for XML.</summary>
    public string Location { get; } = location;
}
