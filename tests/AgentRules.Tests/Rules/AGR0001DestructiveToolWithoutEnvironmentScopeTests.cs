using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0001: destructive tools without an environment scope, in every tool form.</summary>
public class AGR0001DestructiveToolWithoutEnvironmentScopeTests
{
    // ---- MCP: declarations ----

    [Fact]
    public async Task Mcp_tool_declared_destructive_without_scope_is_reported_at_its_name()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Threading;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class CustomerTools
                {
                    [McpServerTool(Destructive = true), Description("Deletes every customer record matching the query.")]
                    public static Task<int> [|DeleteCustomers|](string query, CancellationToken cancellationToken) => Task.FromResult(0);
                }
                """,
            // The MCP C# SDK names tools in snake_case without "Async": the model sees 'delete_customers'.
            ExpectedMessages = { "Destructive tool 'delete_customers' has no environment scope (declared Destructive = true)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Message_uses_the_tool_name_the_model_sees()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public static class Records
                {
                    [McpServerTool(Name = "purge_records", Destructive = true)]
                    public static string [|Purge|]() => "done";

                    [McpServerTool(Destructive = true)]
                    public static Task [|ResetSandboxAsync|]() => Task.CompletedTask;
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'purge_records' has no environment scope (declared Destructive = true)",
                "Destructive tool 'reset_sandbox' has no environment scope (declared Destructive = true)",
            },
        }.RunAsync();
    }

    [Theory]
    [InlineData("ReadOnly = false", "declared ReadOnly = false")]
    [InlineData("Destructive = false", "declared Destructive = false: additive updates")]
    [InlineData("ReadOnly = false, Destructive = true", "declared Destructive = true")]
    [InlineData("Idempotent = true, Destructive = true", "declared Destructive = true")]
    public async Task Mcp_declarations_that_are_not_read_only_are_destructive(string arguments, string evidence)
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = $$"""
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class NoteTools
                {
                    [McpServerTool(Name = "add_note", {{arguments}})]
                    public string [|AddNote|](string text) => text;
                }
                """,
            ExpectedMessages = { $"Destructive tool 'add_note' has no environment scope ({evidence})" },
        }.RunAsync();
    }

    [Theory]
    [InlineData("[EnvironmentScope(\"Development\")] public sealed class Tools", "[McpServerTool(Destructive = true)]")]
    [InlineData("public sealed class Tools", "[McpServerTool(Destructive = true), EnvironmentScope(\"Development\", \"Staging\")]")]
    [InlineData("public sealed class Tools", "[McpServerTool(ReadOnly = true)]")]
    [InlineData("public sealed class Tools", "[McpServerTool(ReadOnly = true, Destructive = true)]")]
    [InlineData("public sealed class Tools", "[McpServerTool, AgentRules.ReadOnlyTool]")]
    [InlineData("[AgentRules.ReadOnlyTool] public sealed class Tools", "[McpServerTool]")]
    [InlineData("public sealed class Tools", "[System.Obsolete]")]
    public async Task Scoped_or_read_only_tools_are_not_reported(string typeDeclaration, string attributes)
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = $$"""
                using AgentRules;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                {{typeDeclaration}}
                {
                    {{attributes}}
                    public void DropTable(string table) { }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Assembly_level_scope_covers_every_tool()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using ModelContextProtocol.Server;

                [assembly: AgentRules.EnvironmentScope("Development")]

                [McpServerToolType]
                public sealed class Tools
                {
                    [McpServerTool(Destructive = true)]
                    public void Drop() { }

                    [McpServerTool]
                    public void DeleteEverything() { }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task An_attribute_with_the_same_simple_name_in_another_namespace_is_not_the_MCP_one()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                namespace MyCompany.Tools
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    public sealed class McpServerToolAttribute : System.Attribute
                    {
                        public bool Destructive { get; set; }
                    }

                    public sealed class Tools
                    {
                        [McpServerTool(Destructive = true)]
                        public void Drop() { }
                    }
                }
                """,
        }.RunAsync();
    }

    // ---- MCP: inferred effects ----

    [Fact]
    public async Task Unannotated_mcp_tools_are_judged_by_their_name_and_description()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.ComponentModel;
                using System.Threading;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                public interface IHabitService
                {
                    Task<bool> DeleteAsync(Guid id, CancellationToken ct);
                    Task<string[]> ListAsync(CancellationToken ct);
                    Task<bool> CompleteAsync(Guid id, CancellationToken ct);
                }

                [McpServerToolType]
                public sealed class HabitTools(IHabitService habits)
                {
                    [McpServerTool(Name = "delete_habit"), Description("Delete a habit by ID.")]
                    public async Task<string> [|DeleteHabit|]([Description("The habit ID (GUID)")] string habitId, CancellationToken cancellationToken = default) =>
                        await habits.DeleteAsync(Guid.Parse(habitId), cancellationToken) ? $"Deleted habit {habitId}" : "Not found";

                    [McpServerTool(Name = "list_habits"), Description("Lists the user's habits.")]
                    public async Task<string> ListHabits(CancellationToken cancellationToken = default) =>
                        string.Join(", ", await habits.ListAsync(cancellationToken));

                    [McpServerTool, Description("Permanently removes the habit and its history. This cannot be undone.")]
                    public Task<bool> [|Forgotten|](Guid id, CancellationToken cancellationToken) => habits.DeleteAsync(id, cancellationToken);

                    [McpServerTool, Description("Updates the streak of a habit for today.")]
                    public Task<bool> [|Tick|](Guid id, CancellationToken cancellationToken) => habits.CompleteAsync(id, cancellationToken);
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'delete_habit' has no environment scope (name starts with 'delete')",
                "Destructive tool 'forgotten' has no environment scope (description says 'cannot be undone')",
                "Destructive tool 'tick' has no environment scope (description starts with 'Updates')",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Body_calls_are_the_strongest_evidence_through_helpers_in_the_same_compilation()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Data.Common;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                public sealed class NoteRepository(DbConnection connection)
                {
                    public async Task<int> ArchiveAsync(int id, CancellationToken ct)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = "UPDATE notes SET archived = 1 WHERE id = @id";
                        return await command.ExecuteNonQueryAsync(ct);
                    }
                }

                [McpServerToolType]
                public sealed class NoteTools(NoteRepository notes)
                {
                    [McpServerTool(Name = "notes_cleanup"), Description("Tidies the notes folder.")]
                    public string [|Tidy|](string folder)
                    {
                        foreach (var file in Directory.GetFiles(folder, "*.bak"))
                        {
                            File.Delete(file);
                        }

                        return "ok";
                    }

                    [McpServerTool(Name = "note_archival")]
                    public Task<int> [|Archival|](int id, CancellationToken ct) => notes.ArchiveAsync(id, ct);
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'notes_cleanup' has no environment scope (calls File.Delete)",
                "Destructive tool 'note_archival' has no environment scope (runs SQL 'UPDATE' via NoteRepository.ArchiveAsync)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Known_writing_apis_of_data_http_mail_and_cloud_sdks_are_evidence()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.Linq;
                using System.Net.Http;
                using System.Net.Mail;
                using System.Threading;
                using System.Threading.Tasks;
                using Azure.Messaging.ServiceBus;
                using Azure.Storage.Blobs;
                using Dapper;
                using Microsoft.EntityFrameworkCore;
                using ModelContextProtocol.Server;

                public sealed class Ticket { public int Id { get; set; } public bool Closed { get; set; } }

                public sealed class HelpdeskDb : DbContext
                {
                    public DbSet<Ticket> Tickets => Set<Ticket>();
                }

                [McpServerToolType]
                public sealed class OpsTools(HelpdeskDb db, HttpClient http, SmtpClient smtp, BlobContainerClient blobs, ServiceBusSender bus, System.Data.IDbConnection connection)
                {
                    [McpServerTool(Name = "tickets_housekeeping")]
                    public Task<int> [|Housekeeping|](CancellationToken ct) => db.Tickets.Where(t => t.Closed).ExecuteDeleteAsync(ct);

                    [McpServerTool(Name = "ticket_sync")]
                    public async Task<int> [|Sync|](Ticket ticket, CancellationToken ct)
                    {
                        db.Tickets.Update(ticket);
                        return await db.SaveChangesAsync(ct);
                    }

                    [McpServerTool(Name = "crm_contact")]
                    public async Task<string> [|Contact|](string id) => (await http.DeleteAsync($"/api/contacts/{id}")).StatusCode.ToString();

                    [McpServerTool(Name = "crm_contact_raw")]
                    public async Task<string> [|ContactRaw|](string id)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/contacts/{id}");
                        return (await http.SendAsync(request)).StatusCode.ToString();
                    }

                    [McpServerTool(Name = "customer_notification")]
                    public Task [|Notification|](string to, string body) => smtp.SendMailAsync(new MailMessage("bot@example.com", to, "Update", body));

                    [McpServerTool(Name = "report_publishing")]
                    public Task [|Publishing|](string name, string content, CancellationToken ct) => blobs.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true, ct);

                    [McpServerTool(Name = "order_dispatch")]
                    public Task [|Dispatch|](string orderId, CancellationToken ct) => bus.SendMessageAsync(new ServiceBusMessage(orderId), ct);

                    [McpServerTool(Name = "ledger_entry")]
                    public Task<int> [|Entry|](decimal amount) => connection.ExecuteAsync("INSERT INTO ledger (amount) VALUES (@amount)", new { amount });
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'tickets_housekeeping' has no environment scope (calls EntityFrameworkQueryableExtensions.ExecuteDeleteAsync)",
                "Destructive tool 'ticket_sync' has no environment scope (calls DbContext.SaveChangesAsync)",
                "Destructive tool 'crm_contact' has no environment scope (calls HttpClient.DeleteAsync)",
                "Destructive tool 'crm_contact_raw' has no environment scope (sends an HTTP PATCH request)",
                "Destructive tool 'customer_notification' has no environment scope (calls SmtpClient.SendMailAsync)",
                "Destructive tool 'report_publishing' has no environment scope (calls BlobClient.UploadAsync)",
                "Destructive tool 'order_dispatch' has no environment scope (calls ServiceBusSender.SendMessageAsync)",
                "Destructive tool 'ledger_entry' has no environment scope (calls SqlMapper.ExecuteAsync)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Ef_core_8_bulk_delete_declared_in_relational_is_evidence()
    {
        // EF Core 7 and 8 declared ExecuteDelete/ExecuteUpdate in Microsoft.EntityFrameworkCore.Relational; compiled
        // against the real 8.0.34 packages instead of EF Core 10.
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            References = TestReferences.Net
                .AddRange(TestReferences.FrameworksWithout("Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Abstractions"))
                .AddRange(TestReferences.EntityFrameworkCore8)
                .Add(TestReferences.AgentRules),
            Source = """
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using ModelContextProtocol.Server;

                public sealed class Ticket { public int Id { get; set; } public bool Closed { get; set; } }

                public sealed class HelpdeskDb : DbContext
                {
                    public DbSet<Ticket> Tickets => Set<Ticket>();
                }

                [McpServerToolType]
                public sealed class OpsTools(HelpdeskDb db)
                {
                    [McpServerTool(Name = "tickets_housekeeping_ef8")]
                    public Task<int> [|HousekeepingEf8|](CancellationToken ct) => db.Tickets.Where(t => t.Closed).ExecuteDeleteAsync(ct);

                    [McpServerTool(Name = "tickets_open"), System.ComponentModel.Description("Lists open tickets.")]
                    public int[] Open() => db.Tickets.Where(t => !t.Closed).Select(t => t.Id).ToArray();
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'tickets_housekeeping_ef8' has no environment scope (calls RelationalQueryableExtensions.ExecuteDeleteAsync)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Sql_text_that_changes_data_is_evidence_where_sql_goes()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Data;
                using System.Threading.Tasks;
                using Dapper;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class SqlTools(IDbConnection connection)
                {
                    private const string PurgeSql = "DELETE FROM sessions WHERE expires_at < CURRENT_TIMESTAMP";

                    [McpServerTool(Name = "session_maintenance")]
                    public async Task<IEnumerable<int>> [|Maintenance|]() => await connection.QueryAsync<int>(PurgeSql);

                    [McpServerTool(Name = "forbidden_words")]
                    public bool Forbidden(string sql) => sql.Contains("DROP TABLE users") || sql.StartsWith("DELETE FROM users");
                }
                """,
            ExpectedMessages = { "Destructive tool 'session_maintenance' has no environment scope (runs SQL 'DELETE FROM')" },
        }.RunAsync();
    }

    // ---- Traps: weak or conflicting evidence stays silent ----

    [Fact]
    public async Task Reading_tools_that_post_log_cache_or_use_temp_files_are_not_reported()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.ComponentModel;
                using System.IO;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class ResearchTools(HttpClient http)
                {
                    [McpServerTool(Name = "search_docs"), Description("Searches the documentation index.")]
                    public async Task<string> SearchDocs(string query, CancellationToken ct)
                    {
                        var response = await http.PostAsJsonAsync("/indexes/docs/search", new { search = query, top = 5 }, ct);
                        return await response.Content.ReadAsStringAsync(ct);
                    }

                    [McpServerTool(Name = "graphql"), Description("Runs a GraphQL query against the catalog API.")]
                    public async Task<string> GraphQl(string query, CancellationToken ct) =>
                        await (await http.PostAsync("/graphql", new StringContent(query), ct)).Content.ReadAsStringAsync(ct);

                    [McpServerTool(Name = "get_report"), Description("Gets the monthly report as CSV.")]
                    public async Task<string> GetReport(int month)
                    {
                        var path = Path.Combine(Path.GetTempPath(), $"report-{month}.csv");
                        await File.WriteAllTextAsync(path, "a,b,c");
                        return await File.ReadAllTextAsync(path);
                    }

                    [McpServerTool(Name = "get_weather"), Description("Gets the forecast for a city.")]
                    public async Task<string> GetWeather(string city)
                    {
                        await File.AppendAllTextAsync("tool-calls.log", $"{DateTime.UtcNow:o} get_weather {city}\n");
                        Directory.CreateDirectory("cache");
                        return await http.GetStringAsync($"/forecast/{city}");
                    }

                    [McpServerTool(Name = "get_snapshot"), Description("Returns a snapshot of the config, refreshing the local copy.")]
                    public string GetSnapshot()
                    {
                        File.Delete("config.snapshot");
                        File.Copy("config.json", "config.snapshot");
                        return File.ReadAllText("config.snapshot");
                    }

                    [McpServerTool(Name = "summarize_ticket"), Description("Summarizes a ticket with the LLM endpoint.")]
                    public async Task<string> Summarize(string text, CancellationToken ct) =>
                        await (await http.PostAsJsonAsync("/v1/chat/completions", new { prompt = text }, ct)).Content.ReadAsStringAsync(ct);
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Arithmetic_generic_runners_and_noun_like_names_are_not_reported()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            ExpectedMessages = { "Destructive tool 'delete_record' has no environment scope (name starts with 'delete')" },
            Source = """
                using System.ComponentModel;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                public interface IRawSqlService { Task<string> SelectAsync(string sql); }

                [McpServerToolType]
                public static class MiscTools
                {
                    [McpServerTool, Description("Adds two numbers.")]
                    public static int Add(int a, int b) => a + b;

                    [McpServerTool, Description("Executes raw sql select statements.")]
                    public static Task<string> ExecuteRawSelectAsync(IRawSqlService service, string selectStatement) => service.SelectAsync(selectStatement);

                    [McpServerTool(Name = "run_tests"), Description("Runs the unit tests and returns the results.")]
                    public static string RunTests(string filter) => filter;

                    [McpServerTool(Name = "email_search"), Description("Finds e-mails in the inbox.")]
                    public static string EmailSearch(string query) => query;

                    [McpServerTool(Name = "customer_email")]
                    public static string CustomerEmail(int id) => "a@example.com";

                    [McpServerTool, Description("Echoes the input back to the client.")]
                    public static string Echo(string message) => "hello " + message;

                    [McpServerTool, Description("Echo the question back.")]
                    public static string SendAnEcho(string question) => question;

                    [McpServerTool(Name = "delete_record"), Description("Returns true when the record was deleted.")]
                    public static bool [|DeleteRecord|](int id) => id > 0;
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Schema_initializers_and_readers_called_by_a_tool_are_not_followed()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Data.Common;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                public sealed class KanbanStore(DbConnection connection)
                {
                    private async Task EnsureSchemaAsync()
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = "CREATE TABLE IF NOT EXISTS cards (id TEXT PRIMARY KEY, title TEXT)";
                        await command.ExecuteNonQueryAsync();
                    }

                    public async Task<List<string>> LoadCardsAsync()
                    {
                        await EnsureSchemaAsync();
                        return new List<string>();
                    }
                }

                [McpServerToolType]
                public sealed class BoardTools(KanbanStore store)
                {
                    [McpServerTool(Name = "board_overview")]
                    public async Task<string> Overview() => string.Join("\n", await store.LoadCardsAsync());
                }
                """,
        }.RunAsync();
    }

    // ---- Scope by environment checks and gated registration ----

    [Fact]
    public async Task Tools_that_exit_early_under_an_environment_check_are_scoped()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.IO;
                using AgentRules;
                using Microsoft.Extensions.Hosting;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class AdminTools(IHostEnvironment environment)
                {
                    [McpServerTool(Destructive = true)]
                    public string ResetDatabase()
                    {
                        if (!environment.IsDevelopment())
                        {
                            return "Refused: only in Development.";
                        }

                        File.Delete("app.db");
                        return "Reset.";
                    }

                    [McpServerTool(Destructive = true)]
                    public string WipeCache() => AgentEnvironment.IsProduction ? throw new InvalidOperationException("Not in production") : "wiped";

                    [McpServerTool(Destructive = true)]
                    public string DropSandbox()
                    {
                        var env = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
                        if (env == "Production") throw new InvalidOperationException();
                        return "dropped";
                    }

                    [McpServerTool(Destructive = true)]
                    public string PurgeQueue()
                    {
                        Guard.NotInProduction(environment);
                        return "purged";
                    }

                    [McpServerTool(Destructive = true)]
                    public string [|DeleteLogs|]()
                    {
                        if (environment.IsDevelopment())
                        {
                            Console.WriteLine("verbose");
                        }

                        return "deleted";
                    }
                }

                public static class Guard
                {
                    public static void NotInProduction(IHostEnvironment environment)
                    {
                        if (environment.IsProduction()) throw new InvalidOperationException("Destructive tools are disabled in production.");
                    }
                }
                """,
            ExpectedMessages = { "Destructive tool 'delete_logs' has no environment scope (declared Destructive = true)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Tool_types_registered_only_under_an_environment_check_are_scoped()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Sources =
            {
                """
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;

                var builder = Host.CreateApplicationBuilder(args);
                var mcp = builder.Services.AddMcpServer().WithStdioServerTransport().WithTools<CatalogTools>();
                if (builder.Environment.IsDevelopment())
                {
                    mcp.WithTools<MaintenanceTools>();
                }

                await builder.Build().RunAsync();
                """,
                """
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class MaintenanceTools
                {
                    [McpServerTool(Destructive = true)]
                    public string DropIndexes() => "dropped";
                }

                [McpServerToolType]
                public sealed class CatalogTools
                {
                    [McpServerTool(Destructive = true)]
                    public string [|DeleteProduct|](int id) => "deleted";
                }
                """,
            },
            ExpectedMessages = { "Destructive tool 'delete_product' has no environment scope (declared Destructive = true)" },
        }.RunAsync();
    }

    // ---- Semantic Kernel ----

    [Fact]
    public async Task Semantic_kernel_functions_are_tools()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.SemanticKernel;

                public interface IPatientService { Task Create(string name); }

                public sealed class ClinicPlugin(IPatientService patients)
                {
                    [KernelFunction("register_patient"), Description("Register a patient in the system.")]
                    public async Task [|RegisterPatientAsync|](Kernel kernel, [Description("The patient to register.")] string name) => await patients.Create(name);

                    [KernelFunction, Description("Gets the opening hours of the clinic.")]
                    public string GetOpeningHours() => "9-17";

                    [KernelFunction, Description("Cancels an appointment.")]
                    [EnvironmentScope("Development", "Staging")]
                    public string CancelAppointment(string id) => id;

                    [KernelFunction, DestructiveTool]
                    public string [|Reschedule|](string id) => id;
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'register_patient' has no environment scope (name starts with 'register')",
                "Destructive tool 'Reschedule' has no environment scope (declared [DestructiveTool])",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Semantic_kernel_process_steps_and_text_utilities_are_not_reported()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;

                public sealed class NewAccountStep : KernelProcessStep
                {
                    [KernelFunction("CreateNewAccount")]
                    public async Task CreateNewAccountAsync(KernelProcessStepContext context, string customerId) =>
                        await context.EmitEventAsync("AccountCreated", customerId);
                }

                public sealed class TextPlugin
                {
                    [KernelFunction, Description("Trim whitespace from the start of a string.")]
                    public static string TrimStart(string input) => input.TrimStart();

                    [KernelFunction, Description("Change all string chars to uppercase.")]
                    public static string Uppercase(string input) => input.ToUpperInvariant();

                    [KernelFunction, Description("Append the day variable")]
                    public static string AppendDay(string input, string day) => input + day;
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Kernel_function_factories_report_lambdas_at_the_lambda()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.IO;
                using Microsoft.SemanticKernel;

                public static class Plugins
                {
                    public static KernelPlugin Files(Kernel kernel) => KernelPluginFactory.CreateFromFunctions("files", null,
                    [
                        KernelFunctionFactory.CreateFromMethod([|(string path) =>|] File.Delete(path), "remove_file", "Removes a file."),
                        kernel.CreateFunctionFromMethod((string path) => File.ReadAllText(path), "read_file", "Reads a file."),
                    ]);
                }
                """,
            ExpectedMessages = { "Destructive tool 'remove_file' has no environment scope (calls File.Delete)" },
        }.RunAsync();
    }

    // ---- Microsoft.Extensions.AI ----

    [Fact]
    public async Task AIFunctionFactory_named_methods_are_reported_once_at_their_declaration()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Sources =
            {
                """
                using System.ComponentModel;
                using System.IO;

                public static class FileTools
                {
                    [Description("Deletes a file from the workspace.")]
                    public static void [|DeleteFile|](string path) => File.Delete(path);

                    [Description("Reads a file from the workspace.")]
                    public static string ReadFile(string path) => File.ReadAllText(path);

                    public static void DeleteTempFiles() { }
                }
                """,
                """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                public static class Agent
                {
                    public static ChatOptions Options() => new() { Tools = [AIFunctionFactory.Create(FileTools.DeleteFile), AIFunctionFactory.Create(FileTools.ReadFile)] };

                    public static IList<AITool> AdminTools() => [Microsoft.Extensions.AI.AIFunctionFactory.Create(FileTools.DeleteFile, "delete_file")];
                }
                """,
            },
            ExpectedMessages = { "Destructive tool 'DeleteFile' has no environment scope (calls File.Delete)" },
        }.RunAsync();
    }

    [Fact]
    public async Task AIFunctionFactory_registrations_are_found_fully_qualified_and_by_MethodInfo()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.IO;

                public sealed class Tools
                {
                    public static void [|PurgeCache|](string root) => Directory.Delete(root, true);

                    public void [|WipeTenant|](string id) => File.Delete(id);

                    public object[] Create() =>
                    [
                        global::Microsoft.Extensions.AI.AIFunctionFactory.Create(PurgeCache),
                        Microsoft.Extensions.AI.AIFunctionFactory.Create(typeof(Tools).GetMethod(nameof(WipeTenant))!, this),
                    ];
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'PurgeCache' has no environment scope (calls Directory.Delete)",
                "Destructive tool 'WipeTenant' has no environment scope (calls File.Delete)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AIFunctionFactory_lambdas_and_local_functions_are_reported_where_they_are()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.ComponentModel;
                using System.IO;
                using Microsoft.Extensions.AI;

                string GetCurrentWeather() => Random.Shared.NextDouble() > 0.5 ? "It's sunny today!" : "It's raining today!";

                [Description("Sends the daily summary e-mail to the team.")]
                string [|SendSummary|](string to) => $"sent to {to}";

                var options = new ChatOptions
                {
                    Tools =
                    [
                        AIFunctionFactory.Create(GetCurrentWeather, "weather"),
                        AIFunctionFactory.Create(SendSummary),
                        AIFunctionFactory.Create([|(string path) =>|] File.WriteAllText(path, ""), "truncate_file"),
                        AIFunctionFactory.Create((string path) => File.ReadAllText(path), new AIFunctionFactoryOptions { Name = "cat", Description = "Prints a file." }),
                        AIFunctionFactory.Create([|(string name) =>|] $"Created {name}", new AIFunctionFactoryOptions { Name = "create_project" }),
                    ],
                };
                Console.WriteLine(options.Tools.Count);
                """,
            ExpectedMessages =
            {
                "Destructive tool 'SendSummary' has no environment scope (name starts with 'Send')",
                "Destructive tool 'truncate_file' has no environment scope (calls File.WriteAllText)",
                "Destructive tool 'create_project' has no environment scope (name starts with 'create')",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AIFunctionFactory_tools_registered_under_an_environment_check_are_scoped()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Hosting;

                public static class Tools
                {
                    public static void ResetWorkspace(string root) => Directory.Delete(root, recursive: true);

                    public static IList<AITool> For(IHostEnvironment environment)
                    {
                        var tools = new List<AITool>();
                        if (environment.IsDevelopment())
                        {
                            tools.Add(AIFunctionFactory.Create(ResetWorkspace));
                            tools.Add(AIFunctionFactory.Create((string path) => File.Delete(path), "delete_file"));
                        }

                        return tools;
                    }
                }
                """,
        }.RunAsync();
    }

    // ---- OpenAI, Azure Functions, AgentRules, configured attributes ----

    [Fact]
    public async Task OpenAI_chat_tools_are_judged_by_name_and_description_at_the_name()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using OpenAI.Chat;

                public static class Tools
                {
                    private static readonly ChatTool GetCurrentWeatherTool = ChatTool.CreateFunctionTool(
                        functionName: "get_current_weather",
                        functionDescription: "Get the current weather in a given location",
                        functionParameters: BinaryData.FromString("{ \"type\": \"object\" }"));

                    private static readonly ChatTool RefundTool = ChatTool.CreateFunctionTool(
                        functionName: [|"refund_order"|],
                        functionDescription: "Refunds an order in full.");

                    public static ChatCompletionOptions Options() => new() { Tools = { GetCurrentWeatherTool, RefundTool } };
                }
                """,
            ExpectedMessages = { "Destructive tool 'refund_order' has no environment scope (name starts with 'refund')" },
        }.RunAsync();
    }

    [Fact]
    public async Task Azure_functions_mcp_tools_use_the_trigger_name_and_output_bindings()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using Microsoft.Azure.Functions.Worker;
                using Microsoft.Azure.Functions.Worker.Extensions.Mcp;

                public sealed class SnippetTools
                {
                    private const string BlobPath = "snippets/{mcptoolargs.snippetname}.json";

                    [Function(nameof(GetSnippet))]
                    public object GetSnippet(
                        [McpToolTrigger("get_snippet", "Gets a code snippet by name.")] ToolInvocationContext context,
                        [BlobInput(BlobPath)] string snippetContent) => snippetContent;

                    [Function(nameof(Run))]
                    [BlobOutput(BlobPath)]
                    public string [|Run|](
                        [McpToolTrigger("snippet_sync", "Keeps a snippet.")] ToolInvocationContext context,
                        [McpToolProperty("snippet", "The code snippet.", true)] string snippet) => snippet;

                    [Function(nameof(Purge))]
                    public string [|Purge|]([McpToolTrigger("purge_snippets", "Purges every snippet.")] ToolInvocationContext context) => "ok";
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'snippet_sync' has no environment scope (has output binding [BlobOutput])",
                "Destructive tool 'purge_snippets' has no environment scope (name starts with 'purge')",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AgentRules_agent_tools_are_tools()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using AgentRules;

                public sealed partial class SupportTools
                {
                    [AgentTool("close_ticket"), Description("Closes a support ticket.")]
                    public string [|CloseTicket|](int id) => $"closed {id}";

                    [AgentTool, EnvironmentScope("Development")]
                    public string DeleteTicket(int id) => $"deleted {id}";

                    [AgentTool, Description("Looks up a ticket.")]
                    public string Lookup(int id) => $"ticket {id}";
                }
                """,
            ExpectedMessages = { "Destructive tool 'close_ticket' has no environment scope (name starts with 'close')" },
        }.RunAsync();
    }

    [Fact]
    public async Task Configured_tool_attributes_on_methods_and_classes_with_their_named_arguments()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            EditorConfig = "agentrules.tool_attributes = Contoso.Agents.ToolAttribute, Contoso.Agents.AgentCommandAttribute",
            Source = """
                using System;
                using System.IO;
                using System.Threading.Tasks;

                namespace Contoso.Agents
                {
                    [AttributeUsage(AttributeTargets.Method)]
                    public sealed class ToolAttribute(string name) : Attribute
                    {
                        public string Name { get; } = name;
                        public string? Description { get; set; }
                        public bool ReadOnly { get; set; }
                        public bool Destructive { get; set; }
                    }

                    [AttributeUsage(AttributeTargets.Class)]
                    public sealed class AgentCommandAttribute(string name, string description) : Attribute
                    {
                        public string Name { get; } = name;
                        public string Description { get; } = description;
                    }

                    public sealed class Tools
                    {
                        [Tool("wipe_tenant", Description = "Wipes a tenant.")]
                        public string [|WipeTenant|](string tenant) => tenant;

                        [Tool("tenant_rows", ReadOnly = true)]
                        public string DeleteLooking(string tenant) => tenant;

                        [Tool("tenant_stats", Destructive = true)]
                        public string [|Stats|](string tenant) => tenant;
                    }

                    [AgentCommand("cache_maintenance", "Keeps the cache small.")]
                    public sealed class [|CacheMaintenance|]
                    {
                        public Task ExecuteAsync(string root)
                        {
                            Directory.Delete(root, recursive: true);
                            return Task.CompletedTask;
                        }
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'wipe_tenant' has no environment scope (name starts with 'wipe')",
                "Destructive tool 'tenant_stats' has no environment scope (declared Destructive = true)",
                "Destructive tool 'cache_maintenance' has no environment scope (calls Directory.Delete)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Verb_lists_and_writing_apis_are_configurable()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            EditorConfig = """
                agentrules.destructive_verbs = archive, -close
                agentrules.readonly_verbs = tally
                agentrules.writing_apis = Contoso.Crm.CrmGateway.Erase*
                """,
            Source = """
                using ModelContextProtocol.Server;

                namespace Contoso.Crm
                {
                    public sealed class CrmGateway
                    {
                        public void EraseContact(int id) { }
                    }

                    [McpServerToolType]
                    public sealed class CrmTools(CrmGateway crm)
                    {
                        [McpServerTool(Name = "archive_ticket")]
                        public string [|ArchiveTicket|](int id) => "archived";

                        [McpServerTool(Name = "close_ticket")]
                        public string CloseTicket(int id) => "closed";

                        [McpServerTool(Name = "contact_gdpr")]
                        public void [|Gdpr|](int id) => crm.EraseContact(id);

                        [McpServerTool(Name = "tally_and_delete")]
                        public string Tally() => "0";
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'archive_ticket' has no environment scope (name starts with 'archive')",
                "Destructive tool 'contact_gdpr' has no environment scope (calls CrmGateway.EraseContact)",
            },
        }.RunAsync();
    }

    // ---- Robustness and cost ----

    [Fact]
    public async Task Registers_no_actions_when_no_tool_form_is_referenced()
    {
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = "public sealed class Calculator { public int Add(int a, int b) => a + b; }",
            References = TestReferences.Net,
        };
        await test.RunAsync();

        var analyzer = new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer();
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions);
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);

        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount);
    }

    [Fact]
    public async Task Registers_one_action_per_file_and_no_operation_or_syntax_actions()
    {
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = "public sealed class Calculator { public int Add(int a, int b) => a + b; }",
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        };
        await test.RunAsync();

        var analyzer = new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer();
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var telemetry = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions).GetAnalyzerTelemetryInfoAsync(analyzer, default);

        // Registering an operation action would make the driver build operation trees for every method body.
        Assert.Equal(1, telemetry.SemanticModelActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.OperationActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationBlockStartActionsCount + telemetry.CodeBlockStartActionsCount);
    }

    [Fact]
    public async Task Binds_only_the_files_that_spell_a_tool_API()
    {
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Sources =
            {
                // Not agent code: factories named Create, methods named Delete, attributes, a Tool class.
                """
                using System;
                using System.Collections.Generic;
                using System.IO;

                public sealed class Tool { public static Tool Create(string name) => new(); }

                public sealed class Store
                {
                    private readonly Dictionary<string, string> _items = new();

                    [Obsolete("Use Remove.")]
                    public void Delete(string key) => _items.Remove(key);

                    public void Wipe(string path) => File.Delete(path);

                    public Tool Make() => Tool.Create("x");
                }
                """,
                """
                using System.ComponentModel;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class FileTools
                {
                    [McpServerTool, Description("Deletes a file.")]
                    public static void [|DeleteFile|](string path) => System.IO.File.Delete(path);
                }
                """,
            },
            ExpectedMessages = { "Destructive tool 'delete_file' has no environment scope (calls File.Delete)" },
        };
        await test.RunAsync();

        var project = test.CreateProject(test.Sources.Select(s => s.Replace("[|", "").Replace("|]", "")).ToList(), test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var context = ToolSafetyContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider)!;
        var trees = compilation.SyntaxTrees.ToArray();

        Assert.False(context.MayContainTools(trees[0], default));
        Assert.True(context.MayContainTools(trees[1], default));
        foreach (var tree in trees)
        {
            _ = context.GetToolsReportedIn(compilation.GetSemanticModel(tree), default);
        }

        Assert.Equal(new[] { "delete_file" }, context.GetAllTools(default).Select(t => t.Name));
        Assert.Equal(new[] { trees[1] }, context.GetTreesWithSemanticModels());
    }
}
