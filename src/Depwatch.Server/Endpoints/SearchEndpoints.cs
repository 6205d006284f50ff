using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints;

/// <summary>
/// Dependency-Track's search on its paths: <c>GET /api/v1/search?query=</c> over every kind, and one path per kind.
/// A term matches part of a name, group, version, purl, identifier or description, in any case.
/// </summary>
internal static class SearchEndpoints
{
    private const int MaxQueryLength = 255;

    public static void MapSearch(this IEndpointRouteBuilder api)
    {
        var search = api.MapGroup("/v1/search").WithTags("Search").RequireAuthorization(Permissions.ViewPortfolio);
        search.MapGet("", SearchAll).WithName("Search")
            .WithSummary("Projects, components and vulnerabilities matching the query, at most 1,000 of each");
        search.MapGet("/project", SearchProjects).WithName("SearchProjects").WithSummary("Projects matching the query by name, version or description");
        search.MapGet("/component", SearchComponents).WithName("SearchComponents")
            .WithSummary("Components matching the query by name, group, version or purl, with their project");
        search.MapGet("/vulnerability", SearchVulnerabilities).WithName("SearchVulnerabilities")
            .WithSummary("Vulnerabilities matching the query by identifier, alias, title or description");
        search.MapGet("/service", (string? query) => Empty(query, new SearchResultsJson { Servicecomponent = [] })).WithName("SearchServices")
            .WithSummary("Services matching the query; Depwatch keeps no services, so none");
        search.MapGet("/license", (string? query) => Empty(query, new SearchResultsJson { License = [] })).WithName("SearchLicenses")
            .WithSummary("Licences matching the query; Depwatch keeps no licence catalogue, so none");
        search.MapGet("/vulnerablesoftware", (string? query) => Empty(query, new SearchResultsJson { Vulnerablesoftware = [] }))
            .WithName("SearchVulnerableSoftware").WithSummary("Vulnerable software (CPE) matching the query; Depwatch keeps none, so none");
    }

    public static async Task<Results<Ok<SearchResultJson>, BadRequest<List<FieldError>>>> SearchAll(
        string? query, PortfolioSearch search, CancellationToken cancellationToken)
    {
        if (Problem(query) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(new SearchResultJson(new SearchResultsJson
        {
            Project = await ProjectsAsync(search, query!, cancellationToken),
            Component = await ComponentsAsync(search, query!, cancellationToken),
            Vulnerability = await VulnerabilitiesAsync(search, query!, cancellationToken),
            Servicecomponent = [],
            License = [],
            Vulnerablesoftware = [],
        }));
    }

    public static async Task<Results<Ok<SearchResultJson>, BadRequest<List<FieldError>>>> SearchProjects(
        string? query, PortfolioSearch search, CancellationToken cancellationToken) =>
        Problem(query) is { } problem
            ? problem
            : TypedResults.Ok(new SearchResultJson(new SearchResultsJson { Project = await ProjectsAsync(search, query!, cancellationToken) }));

    public static async Task<Results<Ok<SearchResultJson>, BadRequest<List<FieldError>>>> SearchComponents(
        string? query, PortfolioSearch search, CancellationToken cancellationToken) =>
        Problem(query) is { } problem
            ? problem
            : TypedResults.Ok(new SearchResultJson(new SearchResultsJson { Component = await ComponentsAsync(search, query!, cancellationToken) }));

    public static async Task<Results<Ok<SearchResultJson>, BadRequest<List<FieldError>>>> SearchVulnerabilities(
        string? query, PortfolioSearch search, CancellationToken cancellationToken) =>
        Problem(query) is { } problem
            ? problem
            : TypedResults.Ok(new SearchResultJson(new SearchResultsJson { Vulnerability = await VulnerabilitiesAsync(search, query!, cancellationToken) }));

    private static Results<Ok<SearchResultJson>, BadRequest<List<FieldError>>> Empty(string? query, SearchResultsJson results) =>
        Problem(query) is { } problem ? problem : TypedResults.Ok(new SearchResultJson(results));

    private static async Task<List<ProjectSearchHitJson>> ProjectsAsync(PortfolioSearch search, string query, CancellationToken cancellationToken) =>
        [.. (await search.ProjectsAsync(query.Trim(), cancellationToken)).Select(ProjectSearchHitJson.From)];

    private static async Task<List<ComponentSearchHitJson>> ComponentsAsync(PortfolioSearch search, string query, CancellationToken cancellationToken) =>
        [.. (await search.ComponentsAsync(query.Trim(), cancellationToken)).Select(ComponentSearchHitJson.From)];

    private static async Task<List<VulnerabilitySearchHitJson>> VulnerabilitiesAsync(
        PortfolioSearch search, string query, CancellationToken cancellationToken) =>
        [.. (await search.VulnerabilitiesAsync(query.Trim(), cancellationToken)).Select(VulnerabilitySearchHitJson.From)];

    /// <summary>Why the query cannot be searched for, or null when it can.</summary>
    private static BadRequest<List<FieldError>>? Problem(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return TypedResults.BadRequest<List<FieldError>>([new FieldError("The query must not be blank.", "must not be blank", "query", null)]);
        }
        if (query.Trim().Length > MaxQueryLength || query.Any(char.IsControl))
        {
            return TypedResults.BadRequest<List<FieldError>>([new FieldError(
                $"The query must be printable and at most {MaxQueryLength} characters long.", $"size must be between 1 and {MaxQueryLength}", "query", null)]);
        }
        return null;
    }
}
