// Corpus: the hard cases. Reading tools that POST, cache, log or write temp files; scoped destructive tools; declared
// effects that beat names; generic runners; tools whose name hides what they do.
using System;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using AgentRules;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Server;

namespace Corpus.Traps;

[McpServerToolType]
public sealed class SearchTools(HttpClient http, IMemoryCache cache)
{
    [McpServerTool(Name = "search_web"), Description("Searches the web with the Tavily API.")]
    // corpus: silent
    public async Task<string> SearchWeb(string query, CancellationToken ct) =>
        await (await http.PostAsJsonAsync("https://api.tavily.com/search", new { query, max_results = 5 }, ct)).Content.ReadAsStringAsync(ct);

    [McpServerTool(Name = "semantic_search"), Description("Finds documents similar to a question.")]
    // corpus: silent
    public async Task<string> SemanticSearch(string question, CancellationToken ct) =>
        await (await http.PostAsJsonAsync("/indexes/docs/docs/search?api-version=2024-07-01", new { search = question, vectorQueries = Array.Empty<object>() }, ct)).Content.ReadAsStringAsync(ct);

    [McpServerTool(Name = "graphql_query"), Description("Runs a GraphQL query against the product catalog.")]
    // corpus: silent
    public async Task<string> GraphQlQuery(string query) =>
        await (await http.PostAsync("/graphql", new StringContent(query))).Content.ReadAsStringAsync();

    [McpServerTool(Name = "get_exchange_rate"), Description("Gets today's exchange rate, cached for an hour.")]
    // corpus: silent
    public async Task<string> GetExchangeRate(string from, string to)
    {
        var key = $"{from}{to}";
        if (!cache.TryGetValue(key, out string? rate))
        {
            rate = await http.GetStringAsync($"/rates?from={from}&to={to}");
            cache.Set(key, rate, TimeSpan.FromHours(1));
        }

        return rate!;
    }

    [McpServerTool(Name = "fetch_page"), Description("Fetches a web page and returns it as markdown.")]
    // corpus: silent
    public async Task<string> FetchPage(string url)
    {
        var html = await http.GetStringAsync(url);
        await File.AppendAllTextAsync("fetch.log", $"{DateTimeOffset.UtcNow:o} {url}{Environment.NewLine}");
        return html;
    }

    [McpServerTool(Name = "render_diagram"), Description("Renders a Mermaid diagram to SVG.")]
    // corpus: silent
    public async Task<string> RenderDiagram(string mermaid)
    {
        var input = Path.GetTempFileName();
        await File.WriteAllTextAsync(input, mermaid);
        return await File.ReadAllTextAsync(input);
    }

    [McpServerTool(Name = "ask_docs"), Description("Answers a question about the docs with an LLM.")]
    // corpus: silent
    public async Task<string> AskDocs(string question, CancellationToken ct) =>
        await (await http.PostAsJsonAsync("/openai/deployments/gpt-4o/chat/completions", new { messages = new[] { new { role = "user", content = question } } }, ct)).Content.ReadAsStringAsync(ct);
}

[McpServerToolType]
public sealed class GuardedAdminTools(IHostEnvironment environment)
{
    [McpServerTool(Destructive = true), Description("Drops and recreates the local database.")]
    // corpus: silent
    public string ResetLocalDatabase()
    {
        if (!environment.IsDevelopment())
        {
            return "This tool only runs in Development.";
        }

        File.Delete("local.db");
        return "Database reset.";
    }

    [McpServerTool(Destructive = true), Description("Deletes all seeded demo users.")]
    [EnvironmentScope("Development", "Staging")]
    // corpus: silent
    public string DeleteDemoUsers() => "deleted";

    [McpServerTool, Description("Purges the CDN cache for a path.")]
    // corpus: report
    public string PurgeCdn(string path) => $"purged {path}";
}

[McpServerToolType]
public static class DeclaredTools
{
    [McpServerTool(Name = "delete_preview", ReadOnly = true), Description("Shows what delete_records would remove, without removing anything.")]
    // corpus: silent
    public static string DeletePreview(string query) => query;

    [McpServerTool(Name = "inventory", Destructive = true), Description("Inventory management.")]
    // corpus: report
    public static string Inventory(string sku, int delta) => $"{sku}: {delta}";

    [McpServerTool(Name = "echo", ReadOnly = true), Description("Echoes the message back.")]
    // corpus: silent
    public static string Echo(string message) => message;

    [McpServerTool, Description("Adds two numbers together.")]
    // corpus: silent
    public static int Add(int a, int b) => a + b;

    [McpServerTool(Name = "longRunningOperation"), Description("Demonstrates a long running operation with progress updates.")]
    // corpus: silent
    public static async Task<string> LongRunningOperation(int duration = 10, int steps = 5)
    {
        await Task.Delay(duration);
        return $"Long running operation completed. Duration: {duration} seconds. Steps: {steps}.";
    }

    [McpServerTool(Name = "printEnv"), Description("Prints all environment variables, helpful for debugging MCP server configuration")]
    // corpus: silent
    public static string PrintEnv() => string.Join("\n", Environment.GetEnvironmentVariables().Keys);

    [McpServerTool(Name = "process_payment"), Description("Processes a card payment for an order.")]
    // corpus: report
    public static string ProcessPayment(string orderId, decimal amount) => $"paid {amount} for {orderId}";

    [McpServerTool(Name = "sync_contacts"), Description("Synchronizes contacts from the CRM into the address book.")]
    // corpus: report
    public static string SyncContacts() => "synced";

    [McpServerTool(Name = "generate_report"), Description("Generates the monthly sales report.")]
    // corpus: silent
    public static string GenerateReport(int month) => $"report {month}";

    [McpServerTool(Name = "set_reminder"), Description("Sets a reminder for the user.")]
    // corpus: report
    public static string SetReminder(string text, string when) => $"reminder at {when}";
}
