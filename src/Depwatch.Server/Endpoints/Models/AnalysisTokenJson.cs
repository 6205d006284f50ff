namespace Depwatch.Server.Endpoints.Models;

/// <summary>The token of queued work, to follow with <c>GET /api/v1/event/token/{token}</c>.</summary>
public sealed record AnalysisTokenJson(Guid Token);
