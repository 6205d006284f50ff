using System.Data.Common;
using System.Text;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Depwatch.Server.Analysis;

/// <summary>
/// Inserts many new rows with multi-row INSERT statements in the current transaction, each value converted as EF Core
/// would convert it (e.g. SQLite's numeric dates): thousands of findings in a few statements instead of one per row.
/// </summary>
internal static class BulkInsert
{
    // Well under every database's limit; SQLite also binds parameters by name in time growing with their number.
    private const int MaxParameters = 2_000;

    public static async Task InsertAsync<T>(DepwatchDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var prefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ";
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / properties.Count)))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = prefix + Values(command, chunk, properties, sql);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Values<T>(DbCommand command, T[] rows, List<IProperty> properties, ISqlGenerationHelper sql) where T : class
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(text.Length == 0 ? "(" : ", (");
            for (var column = 0; column < properties.Count; column++)
            {
                var property = properties[column];
                var name = $"p{command.Parameters.Count}";
                var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, sql.GenerateParameterName(name), value, property.IsNullable));
                text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
            }
            text.Append(')');
        }
        return text.ToString();
    }
}
