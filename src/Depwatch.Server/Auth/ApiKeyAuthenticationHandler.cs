using System.Security.Claims;
using System.Text.Encodings.Web;
using Depwatch.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Auth;

/// <summary>Authenticates the <c>X-Api-Key</c> header; the principal carries its team's permissions.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<DepwatchDbContext> contexts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string TeamClaim = "team";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }
        var (publicId, secretHash) = ApiKeys.Split(key);
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var match = await db.ApiKeys.AsNoTracking()
            .Where(k => k.PublicId == publicId)
            .Join(db.Teams, k => k.TeamId, t => t.Id, (k, t) => new { k.SecretHash, t.Id, t.Name, t.Permissions })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (match is null || !ApiKeys.Matches(match.SecretHash, secretHash))
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }
        var claims = match.Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new Claim(Permissions.ClaimType, p))
            .Append(new Claim(ClaimTypes.Name, match.Name))
            .Append(new Claim(TeamClaim, match.Id.ToString()))
            .Append(new Claim("apiKey", publicId));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}
