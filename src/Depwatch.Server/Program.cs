using Depwatch.Server;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints;

var builder = WebApplication.CreateBuilder(args);

builder.AddDepwatchOptions();
builder.Services.AddStorage();
builder.Services.AddApiKeyAuth();
builder.Services.AddApiConventions();

var app = builder.Build();

app.UseApiConventions();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapOpenApi();
var api = app.MapGroup("/api");
api.MapVersion();

app.Run();

/// <summary>The server's entry point, visible to the integration tests' application factory.</summary>
public partial class Program;
