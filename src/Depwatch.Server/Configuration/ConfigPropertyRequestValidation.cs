namespace Depwatch.Server.Configuration;

/// <summary>Checks an update request's fields before anything is looked up: names present and short, no control characters.</summary>
internal static class ConfigPropertyRequestValidation
{
    private const int MaxNameLength = 255;

    public static IEnumerable<FieldError> Check(ConfigProperty request, string pathPrefix = "")
    {
        foreach (var error in CheckName(request.GroupName, pathPrefix + "groupName"))
        {
            yield return error;
        }
        foreach (var error in CheckName(request.PropertyName, pathPrefix + "propertyName"))
        {
            yield return error;
        }
        if (request.PropertyValue is { } value && value.Any(char.IsControl))
        {
            // The rejected value is not echoed: it may be a secret.
            yield return new FieldError("The propertyValue must not contain control characters (such as line breaks).",
                "must not contain control characters", pathPrefix + "propertyValue", null);
        }
    }

    private static IEnumerable<FieldError> CheckName(string? name, string path)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return new FieldError($"The {LastSegment(path)} must not be blank.", "must not be blank", path, name);
            yield break;
        }
        if (name.Length > MaxNameLength)
        {
            yield return new FieldError($"The {LastSegment(path)} must be at most {MaxNameLength} characters long.",
                "size must be between 1 and 255", path, name);
        }
        if (name.Any(char.IsControl))
        {
            yield return new FieldError($"The {LastSegment(path)} must not contain control characters.",
                "must not contain control characters", path, name);
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];
}
