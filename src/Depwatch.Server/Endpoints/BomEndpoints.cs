using System.Security.Claims;
using Depwatch.Server.Auth;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Ingest;
using Depwatch.Server.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Endpoints;

/// <summary>BOM upload (Base64 in JSON, or raw in a multipart form) and the deprecated token status path.</summary>
internal static class BomEndpoints
{
    public const string CreationNotPermitted = "The principal does not have permission to create project.";
    public const string ParentNotFound = "The parent component could not be found.";

    private const int RetryAfterSeconds = 10;

    public static void MapBom(this IEndpointRouteBuilder api)
    {
        api.MapPut("/v1/bom", UploadBase64).WithName("UploadBom").WithTags("BOM")
            .WithSummary("Upload a CycloneDX BOM, Base64-encoded in JSON; answers the token to follow its processing with")
            .Accepts<BomSubmitRequest>("application/json").WithUploadAnswers().RequireAuthorization(Permissions.BomUpload);
        api.MapPost("/v1/bom", UploadMultipart).WithName("UploadBomMultipart").WithTags("BOM")
            .WithSummary("Upload a CycloneDX BOM as the raw bom part of a multipart form; answers the token to follow its processing with")
            .Accepts<BomUploadForm>("multipart/form-data").WithUploadAnswers().RequireAuthorization(Permissions.BomUpload);
        // Deprecated in Dependency-Track in favour of /v1/event/token/{uuid}, which answers the same; old pollers still use it.
        api.MapGet("/v1/bom/token/{uuid}", EventEndpoints.GetTokenStatus).WithName("GetBomTokenStatus").WithTags("BOM")
            .RequireAuthorization(Permissions.BomUpload);
    }

    /// <summary>The refusals, for the OpenAPI document: typed results cannot tell their status codes apart.</summary>
    private static RouteHandlerBuilder WithUploadAnswers(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .Produces<string>(StatusCodes.Status401Unauthorized, "text/plain")
        .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static Task<Results<Ok<BomUploadResponse>, ProblemHttpResult, ContentHttpResult>> UploadBase64(
        HttpRequest request, ClaimsPrincipal user, BomUploads uploads, BomMemoryBudget budget, IOptions<DepwatchOptions> options,
        CancellationToken cancellationToken) =>
        UploadAsync(request, BomMemoryBudget.ForBufferedUpload, () => BomUploadReader.ReadJsonAsync(request, options.Value.MaxRequestBytes, cancellationToken),
            user, uploads, budget, options.Value, cancellationToken);

    private static Task<Results<Ok<BomUploadResponse>, ProblemHttpResult, ContentHttpResult>> UploadMultipart(
        HttpRequest request, ClaimsPrincipal user, BomUploads uploads, BomMemoryBudget budget, IOptions<DepwatchOptions> options,
        CancellationToken cancellationToken) =>
        UploadAsync(request, BomMemoryBudget.ForStreamedUpload, () => BomUploadReader.ReadMultipartAsync(request, options.Value.MaxRequestBytes, cancellationToken),
            user, uploads, budget, options.Value, cancellationToken);

    private static async Task<Results<Ok<BomUploadResponse>, ProblemHttpResult, ContentHttpResult>> UploadAsync(
        HttpRequest request, Func<long, long> memoryFor, Func<Task<BomUpload>> read, ClaimsPrincipal user, BomUploads uploads,
        BomMemoryBudget budget, DepwatchOptions options, CancellationToken cancellationToken)
    {
        // The body is read, checked and stored within a share of the memory budget: a body without a declared length may be the largest.
        using var share = await budget.TryEnterAsync(
            memoryFor(request.ContentLength ?? options.MaxRequestBytes), options.UploadWait, cancellationToken);
        if (share is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RequestLimits.DiscardRefusedBodyAsync(request);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many uploads at once",
                detail: $"Other uploads take all the memory this server gives BOMs (setting Depwatch:BomMemoryBytes); this one waited "
                    + $"{options.UploadWait.TotalSeconds:0} s. Send it again in {RetryAfterSeconds} s; nothing was stored.");
        }
        BomUpload upload;
        try
        {
            upload = await read();
        }
        catch (BomUploadRejectedException e)
        {
            return TypedResults.Problem(statusCode: e.StatusCode, title: e.Title, detail: e.Message);
        }
        return await uploads.AcceptAsync(upload, user, cancellationToken) switch
        {
            UploadOutcome.Accepted accepted => TypedResults.Ok(new BomUploadResponse(accepted.Token)),
            UploadOutcome.ProjectNotFound => ApiTexts.NotFound(ApiTexts.ProjectNotFound),
            UploadOutcome.CreationNotPermitted => ApiTexts.Text(StatusCodes.Status401Unauthorized, CreationNotPermitted),
            UploadOutcome.ParentNotFound => ApiTexts.NotFound(ParentNotFound),
            UploadOutcome.ParentInactive => TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Illegal argument provided", detail: ApiTexts.InactiveParent),
            UploadOutcome.InvalidBom invalid => TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The uploaded BOM is invalid",
                detail: $"{invalid.Error.Problem} (at {invalid.Error.Location}). Fix the document and upload it again; nothing was stored.",
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { invalid.Error.Message } }),
            var other => throw new InvalidOperationException($"Unexpected upload outcome {other}."),
        };
    }
}
