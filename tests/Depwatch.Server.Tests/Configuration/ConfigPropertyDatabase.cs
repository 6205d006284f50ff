using System.Data.Common;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Configuration;

/// <summary>Direct access to the stored config properties, bypassing the API.</summary>
public static class ConfigPropertyDatabase
{
    /// <summary>The property's value column exactly as stored, read with plain SQL.</summary>
    public static async Task<string?> RawValueAsync(DepwatchApplication app, string group, string name)
    {
        await using var db = await CreateContextAsync(app);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"PropertyValue\" FROM \"ConfigProperties\" WHERE \"GroupName\" = @g AND \"PropertyName\" = @n";
        command.Parameters.Add(Parameter(command, "g", group));
        command.Parameters.Add(Parameter(command, "n", name));
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? null : (string)value;
    }

    /// <summary>Whether <paramref name="text"/> is stored in plain anywhere: every byte of the SQLite files, every row of every PostgreSQL table.</summary>
    public static async Task<bool> ContainsAnywhereAsync(DepwatchApplication app, string text)
    {
        if (app.Storage == StorageKind.Sqlite)
        {
            foreach (var file in Directory.GetFiles(app.DataDirectory, "depwatch.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                if (copy.ToArray().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0)
                {
                    return true;
                }
            }
            return false;
        }
        await using var db = await CreateContextAsync(app);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        List<string> tables = [];
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var search = connection.CreateCommand();
            search.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{table}\" t WHERE t::text LIKE '%' || @text || '%')";
            search.Parameters.Add(Parameter(search, "text", text));
            if ((bool)(await search.ExecuteScalarAsync())!)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Adds a property of a type Depwatch itself does not use yet, to exercise that type's rules.</summary>
    public static async Task AddAsync(DepwatchApplication app, string group, string name, string type, string? value)
    {
        await using var db = await CreateContextAsync(app);
        db.ConfigProperties.Add(new ConfigPropertyEntity { GroupName = group, PropertyName = name, PropertyType = type, PropertyValue = value });
        await db.SaveChangesAsync();
    }

    private static Task<DepwatchDbContext> CreateContextAsync(DepwatchApplication app) =>
        app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContextAsync();

    private static DbParameter Parameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
