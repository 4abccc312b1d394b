// Corpus: SQL Server / SQLite MCP servers (ADO.NET, Dapper), the shape of the database servers in the MCP samples.
using System.Collections.Generic;
using System.ComponentModel;
using System.Data;
using System.Data.Common;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using ModelContextProtocol.Server;

namespace Corpus.Database;

public sealed record DbOperationResult(bool Success, string? Error = null, int? RowsAffected = null, object? Data = null);

public interface ISqlConnectionFactory
{
    Task<DbConnection> GetOpenConnectionAsync();
}

[McpServerToolType]
public sealed partial class SqlTools(ISqlConnectionFactory connections)
{
    [McpServerTool(Title = "List Tables", ReadOnly = true, Idempotent = true, Destructive = false), Description("Lists all tables in the SQL Database.")]
    // corpus: silent
    public async Task<DbOperationResult> ListTables()
    {
        await using var connection = await connections.GetOpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT TABLE_SCHEMA + '.' + TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return new DbOperationResult(true, Data: tables);
    }

    [McpServerTool(Title = "Describe Table", ReadOnly = true, Idempotent = true, Destructive = false), Description("Returns table schema")]
    // corpus: silent
    public Task<DbOperationResult> DescribeTable([Description("Name of table")] string name) =>
        Task.FromResult(new DbOperationResult(true, Data: name));

    [McpServerTool(Title = "Read Data", ReadOnly = true, Idempotent = true, Destructive = false), Description("Executes SQL queries against SQL Database to read data")]
    // corpus: silent
    public async Task<DbOperationResult> ReadData([Description("SQL query to execute")] string sql)
    {
        await using var connection = await connections.GetOpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        return new DbOperationResult(true);
    }

    [McpServerTool(Title = "Insert Data", ReadOnly = false, Destructive = false), Description("Updates data in a table in the SQL Database. Expects a valid INSERT SQL statement as input.")]
    // corpus: report
    public async Task<DbOperationResult> InsertData([Description("INSERT SQL statement")] string sql)
    {
        await using var connection = await connections.GetOpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return new DbOperationResult(true, RowsAffected: await command.ExecuteNonQueryAsync());
    }

    [McpServerTool(Title = "Update Data", ReadOnly = false, Destructive = true), Description("Updates data in a table in the SQL Database. Expects a valid UPDATE SQL statement as input.")]
    // corpus: report
    public async Task<DbOperationResult> UpdateData([Description("UPDATE SQL statement")] string sql)
    {
        await using var connection = await connections.GetOpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return new DbOperationResult(true, RowsAffected: await command.ExecuteNonQueryAsync());
    }

    [McpServerTool(Title = "Create Table", ReadOnly = false, Destructive = false), Description("Creates a new table in the SQL Database. Expects a valid CREATE TABLE SQL statement as input.")]
    // corpus: report
    public async Task<DbOperationResult> CreateTable([Description("CREATE TABLE SQL statement")] string sql)
    {
        await using var connection = await connections.GetOpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        return new DbOperationResult(true);
    }

    [McpServerTool(Title = "Drop Table", ReadOnly = false, Destructive = true), Description("Drops a table in the SQL Database. Expects a valid DROP TABLE SQL statement as input.")]
    // corpus: report
    public async Task<DbOperationResult> DropTable([Description("DROP TABLE SQL statement")] string sql)
    {
        await using var connection = await connections.GetOpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        return new DbOperationResult(true);
    }
}

[McpServerToolType]
public sealed class SqliteTools(IDbConnection connection)
{
    [McpServerTool, Description("Execute a SELECT query on the SQLite database")]
    // corpus: silent
    public async Task<string> ReadQuery(string query) =>
        string.Join("\n", await connection.QueryAsync<string>(query));

    [McpServerTool, Description("Execute an INSERT, UPDATE, or DELETE query on the SQLite database")]
    // corpus: report
    public async Task<string> WriteQuery(string query) => $"{await connection.ExecuteAsync(query)} rows affected";

    [McpServerTool, Description("List all tables in the SQLite database")]
    // corpus: silent
    public async Task<string> ListTables() =>
        string.Join(", ", await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type='table'"));

    [McpServerTool(Name = "append_insight"), Description("Add a business insight to the memo")]
    // corpus: report
    public async Task<string> AppendInsight(string insight)
    {
        await connection.ExecuteAsync("INSERT INTO insights (text) VALUES (@insight)", new { insight });
        return "Insight added to memo";
    }

    [McpServerTool(Name = "execute_query"), Description("Execute a SQL query on the connected database.")]
    // corpus: report
    public async Task<string> ExecuteQuery(string sql) => string.Join("\n", await connection.QueryAsync<string>(sql));

    [McpServerTool(Name = "export_csv"), Description("Exports the result of a query as CSV text.")]
    // corpus: silent
    public async Task<string> ExportCsv(string sql)
    {
        var rows = await connection.QueryAsync<string>(sql);
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.AppendLine(row);
        }

        return builder.ToString();
    }

    [McpServerTool(Name = "count_rows", ReadOnly = true), Description("Counts the rows of a table.")]
    // corpus: silent
    public Task<int> CountRows(string table) => connection.QueryFirstOrDefaultAsync<int>($"SELECT COUNT(*) FROM {table}");
}
