using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's plain-text error answers, word for word, so scripts that match them keep working.</summary>
internal static class ApiTexts
{
    public const string ProjectNotFound = "The project could not be found.";
    public const string ProjectUuidNotFound = "The UUID of the project could not be found.";
    public const string ProjectExists = "A project with the specified name already exists.";
    public const string ParentUuidNotFound = "The UUID of the parent project could not be found.";
    public const string InactiveParent = "An inactive Parent cannot be selected as parent";
    public const string OwnParent = "A project cannot select itself or one of its descendants as a parent.";
    public const string ActiveChildren = "Project cannot be set to inactive if active children are present.";
    public const string VulnerabilityNotFound = "The vulnerability could not be found.";
    public const string ComponentNotFound = "The component could not be found.";
    public const string NoAnalysis = "No analysis exists.";
    public const string BadShortDate = "The specified date format is incorrect.";

    public static ContentHttpResult Text(int status, string text) => TypedResults.Text(text, "text/plain; charset=utf-8", statusCode: status);

    public static ContentHttpResult NotFound(string text) => Text(StatusCodes.Status404NotFound, text);
}
