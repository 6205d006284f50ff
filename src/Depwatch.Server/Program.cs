using Depwatch.Server;
using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints;
using Depwatch.Server.Ingest;
using Depwatch.Server.Jobs;
using Depwatch.Server.ManagedTrivy;
using Depwatch.Server.Notifications;
using Depwatch.Server.Observability;
using Depwatch.Server.PackageIndexes;
using Depwatch.Server.Policies;
using Depwatch.Server.Teams;
using Depwatch.Server.Triage;
using Depwatch.Server.Web;
using Depwatch.Server.Web.Security;

var builder = WebApplication.CreateBuilder(HostingExtensions.BesideTheProgram(args));

builder.AddDepwatchOptions();
builder.Services.AddHttpSecurity();
builder.Services.AddStorage();
builder.Services.AddApiKeyAuth();
builder.Services.AddConfigProperties();
builder.Services.AddTeams();
builder.Services.AddApiConventions();
builder.Services.AddJobs();
builder.Services.AddBomIngest();
builder.Services.AddAnalysis();
builder.Services.AddManagedTrivy();
builder.Services.AddPackageIndexes();
builder.Services.AddTriage();
builder.Services.AddNotifications();
builder.Services.AddPolicies();
builder.Services.AddWebUi();
builder.AddTelemetry();

var app = builder.Build();

if (args is ["migrate", ..])
{
    // For operators who upgrade the schema themselves (Depwatch:Storage:MigrateAtStartup=false).
    await app.MigrateDatabaseAsync();
    return;
}

app.UseHttpSecurity();
app.UseApiConventions();
app.UsePoweredByHeader();
app.UseRequestLimits();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapTelemetry();
app.MapOpenApi();
var api = app.MapGroup("/api");
api.MapVersion();
api.MapBom();
api.MapEvents();
api.MapConfigProperties();
api.MapTeams();
api.MapProjects();
api.MapProjectProperties();
api.MapComponents();
api.MapFindings();
api.MapAnalyses();
api.MapVex();
api.MapVulnerabilities();
api.MapMetrics();
api.MapPolicies();
api.MapViolations();
api.MapBadges();
api.MapSearch();
api.MapNotificationPublishers();
api.MapNotificationRules();
app.MapWebUi();

app.Run();

/// <summary>The server's entry point, visible to the integration tests' application factory.</summary>
public partial class Program;
