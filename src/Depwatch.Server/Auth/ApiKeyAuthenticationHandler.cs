using System.Security.Claims;
using System.Text.Encodings.Web;
using Depwatch.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Auth;

/// <summary>Authenticates the <c>X-Api-Key</c> header (or a badge's <c>apiKey</c> parameter); the principal carries its team's permissions.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, UrlEncoder encoder, IDbContextFactory<DepwatchDbContext> contexts,
    ApiKeyFailureLog failures, TimeProvider time)
    // The base class logs every refusal and challenge, one line each; refusals go to ApiKeyFailureLog instead.
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, NullLoggerFactory.Instance, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string TeamClaim = "team";
    public const string QueryParameter = "apiKey";
    public const string BadgePath = "/api/v1/badge";

    /// <summary>A key's last use is recorded at most this often, so that a busy pipeline does not write on every request.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }
        var (_, secretHash) = ApiKeys.Split(key);
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var match = await db.ApiKeys.AsNoTracking().Presented(key)
            .Join(db.Teams, k => k.TeamId, t => t.Id, (k, t) => new { KeyId = k.Id, k.PublicId, k.SecretHash, k.LastUsed, t.Id, t.Name, t.Permissions })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (match is null || !ApiKeys.Matches(match.SecretHash, secretHash))
        {
            failures.Record(Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("Invalid API key.");
        }
        await RecordUseAsync(db, match.KeyId, match.LastUsed);
        var claims = match.Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new Claim(Permissions.ClaimType, p))
            .Append(new Claim(ClaimTypes.Name, match.Name))
            .Append(new Claim(TeamClaim, match.Id.ToString()))
            .Append(new Claim("apiKey", match.PublicId));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    /// <summary>
    /// The key in the header, or for a badge (embedded as an image, which cannot send headers) in the
    /// <c>apiKey</c> query parameter, as Dependency-Track accepts it there.
    /// </summary>
    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(Header, out var values))
        {
            return values.ToString();
        }
        return Request.Path.StartsWithSegments(BadgePath) && Request.Query.TryGetValue(QueryParameter, out var query) ? query.ToString() : null;
    }

    // Conditional, so that instances sharing the database write it once a minute between them too.
    private async Task RecordUseAsync(DepwatchDbContext db, Guid keyId, DateTimeOffset? lastUsed)
    {
        var now = time.GetUtcNow();
        var stale = now - LastUsedPrecision;
        if (lastUsed is null || lastUsed < stale)
        {
            await db.ApiKeys.Where(k => k.Id == keyId && (k.LastUsed == null || k.LastUsed < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsed, now), Context.RequestAborted);
        }
    }
}
