using System.Data.Common;
using System.Text;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Depwatch.Server.Ingest;

/// <summary>
/// Inserts components with prepared INSERT commands on the context's connection and transaction. For the
/// thousands of rows of a large BOM, EF's change tracking and command building cost far more than the database
/// itself. Table, columns and value conversions come from the EF model, so this works on every provider.
/// </summary>
internal static class ComponentInserter
{
    // PostgreSQL takes many rows per statement (and up to 65,535 parameters). SQLite looks parameters up by name
    // one by one, so a statement with thousands of them is slow: there one row per execution of a prepared
    // statement is fastest, the database being in-process.
    private const int MaxParametersPerStatement = 8000;

    public static async Task InsertAsync(DepwatchDbContext db, IReadOnlyList<ComponentEntity> rows, CancellationToken cancellationToken)
    {
        var table = new ComponentTable(db);
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : MaxParametersPerStatement / table.Columns.Length;
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                if (command is null || command.Parameters.Count != chunk.Length * table.Columns.Length)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }
                    command = table.CreateInsert(chunk.Length);
                }
                table.SetValues(command, chunk);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private sealed class ComponentTable
    {
        private readonly DepwatchDbContext _db;
        private readonly ISqlGenerationHelper _sql;
        private readonly string _insert;

        public ComponentTable(DepwatchDbContext db)
        {
            _db = db;
            _sql = db.GetService<ISqlGenerationHelper>();
            var entity = db.Model.FindEntityType(typeof(ComponentEntity))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            Columns = entity.GetProperties().ToArray();
            _insert = $"INSERT INTO {_sql.DelimitIdentifier(table.Name, table.Schema)} "
                + $"({string.Join(", ", Columns.Select(p => _sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        }

        public IProperty[] Columns { get; }

        public DbCommand CreateInsert(int rows)
        {
            var command = _db.Database.GetDbConnection().CreateCommand();
            command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
            var text = new StringBuilder(_insert);
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Length; column++)
                {
                    var name = $"p{(row * Columns.Length) + column}";
                    text.Append(column == 0 ? "" : ", ").Append(_sql.GenerateParameterNamePlaceholder(name));
                    command.Parameters.Add(Columns[column].GetRelationalTypeMapping()
                        .CreateParameter(command, _sql.GenerateParameterName(name), null, Columns[column].IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            return command;
        }

        public void SetValues(DbCommand command, ComponentEntity[] rows)
        {
            for (var row = 0; row < rows.Length; row++)
            {
                for (var column = 0; column < Columns.Length; column++)
                {
                    command.Parameters[(row * Columns.Length) + column].Value = StoredValue(Columns[column], rows[row]);
                }
            }
        }

        // The type mapping's converter gives the stored form, e.g. SQLite's DateTimeOffset as a sortable number.
        private static object StoredValue(IProperty column, ComponentEntity row)
        {
            var value = column.PropertyInfo!.GetValue(row);
            var converter = column.GetRelationalTypeMapping().Converter;
            return (value is null ? null : converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
        }
    }
}
