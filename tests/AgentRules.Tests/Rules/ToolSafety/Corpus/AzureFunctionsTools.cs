// Corpus: Azure Functions MCP tools (isolated worker), with blob and table bindings.
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Mcp;

namespace Corpus.AzureFunctions;

public sealed record Ticket(string Id, string Title, string Status);

public interface ITicketStore
{
    Task<List<Ticket>> QueryAsync(string? search);
    Task<Ticket> AddAsync(string title);
    Task CloseAsync(string id);
}

public sealed class SnippetTools
{
    private const string BlobPath = "snippets/{mcptoolargs.snippetname}.json";

    [Function(nameof(SayHello))]
    // corpus: silent
    public string SayHello([McpToolTrigger("hello_tool", "Simple hello world MCP Tool that responds with a hello message.")] ToolInvocationContext context) =>
        "Hello I am MCP Tool!";

    [Function(nameof(GetSnippet))]
    // corpus: silent
    public object GetSnippet(
        [McpToolTrigger("get_snippets", "Gets code snippets from your snippet collection.")] ToolInvocationContext context,
        [BlobInput(BlobPath)] string snippetContent) => snippetContent;

    [Function(nameof(SaveSnippet))]
    [BlobOutput(BlobPath)]
    // corpus: report
    public string SaveSnippet(
        [McpToolTrigger("save_snippet", "Saves a code snippet into your snippet collection.")] ToolInvocationContext context,
        [McpToolProperty("snippetname", "The name of the snippet.", true)] string name,
        [McpToolProperty("snippet", "The code snippet.", true)] string snippet) => snippet;
}

public sealed class TicketTools(ITicketStore store)
{
    [Function("GetTicketsTool")]
    // corpus: silent
    public Task<List<Ticket>> Run(
        [McpToolTrigger("get_tickets", "Get tickets with optional filtering by search keyword, assignee, or status")] ToolInvocationContext context,
        [McpToolProperty("search", "Search keyword", false)] string? search = null) => store.QueryAsync(search);

    [Function("CreateTicketTool")]
    // corpus: report
    public Task<Ticket> Create(
        [McpToolTrigger("create_ticket", "Create a new support ticket")] ToolInvocationContext context,
        [McpToolProperty("title", "Ticket title", true)] string title) => store.AddAsync(title);

    [Function("CloseTicketTool")]
    // corpus: report
    public Task Close(
        [McpToolTrigger("close_ticket", "Close a ticket")] ToolInvocationContext context,
        [McpToolProperty("id", "Ticket id", true)] string id) => store.CloseAsync(id);
}
