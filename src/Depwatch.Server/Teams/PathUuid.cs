using System.Text.RegularExpressions;
using Depwatch.Server.Configuration;

namespace Depwatch.Server.Teams;

/// <summary>
/// A UUID path parameter, checked as Dependency-Track checks it (lower-case, RFC variant) so that a malformed one
/// answers 400 with the validation array rather than 404. Versions 6–8 are accepted too: components get version 7 ids.
/// </summary>
internal static partial class PathUuid
{
    public static bool TryParse(string value, string path, out Guid uuid, out List<FieldError> errors)
    {
        if (UuidPattern().IsMatch(value) && Guid.TryParseExact(value, "D", out uuid))
        {
            errors = [];
            return true;
        }
        uuid = Guid.Empty;
        errors = [new FieldError("Invalid UUID", "Invalid UUID", path, value)];
        return false;
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
