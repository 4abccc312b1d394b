using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>The spec's inventory sections (format 2): agents, MCP servers, tools from referenced assemblies, approvals.</summary>
public class ProcessSpecInventoryTests
{
    [Fact]
    public async Task Agents_list_name_instructions_model_tools_limits_and_approvals()
    {
        using var spec = await SpecOf("""
            using System.Collections.Generic;
            using AgentRules;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            namespace Contoso.Agents;

            public static class Prompts
            {
                [Prompt("triage", Version = 2)]
                public const string Triage = "You triage support tickets.";
            }

            public static class Factory
            {
                public static void Refund(string id) { }

                public static AIAgent Create(IChatClient chat)
                {
                    var options = new ChatOptions { ModelId = "gpt-4.1-mini" };
                    IList<AITool> tools = [new ApprovalRequiredAIFunction(AIFunctionFactory.Create(Refund, "refund_order"))];
                    return new ChatClientAgent(chat, instructions: Prompts.Triage, name: "triage-agent", tools: tools);
                }

                public static AIAgent Quick(IChatClient chat) => chat.AsAIAgent(instructions: "Be brief.", name: "quick");

                public static ToolGuard Guard() => new(new ToolGuardOptions { AgentName = "support-agent", MaxCalls = 20, MaxCost = 50 });
            }
            """);

        var agents = spec.RootElement.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        Assert.Equal(3, spec.RootElement.GetProperty("summary").GetProperty("agents").GetInt32());

        var triage = agents["triage-agent"];
        Assert.Equal("Agent Framework ChatClientAgent", triage.GetProperty("kind").GetString());
        Assert.Equal("prompt triage", triage.GetProperty("instructions").GetString());
        Assert.Equal("gpt-4.1-mini", triage.GetProperty("model").GetString());
        Assert.Equal(["refund_order"], triage.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["refund_order: ApprovalRequiredAIFunction"], triage.GetProperty("approvals").EnumerateArray().Select(t => t.GetString()));

        var quick = agents["quick"];
        Assert.Equal("Agent Framework AsAIAgent", quick.GetProperty("kind").GetString());
        Assert.Equal("undeclared", quick.GetProperty("instructions").GetString());
        Assert.Equal(JsonValueKind.Null, quick.GetProperty("model").ValueKind);

        var guard = agents["support-agent"];
        Assert.Equal(["MaxCalls = 20", "MaxCost = 50"], guard.GetProperty("limits").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Harness_agents_are_listed_with_their_instructions_tools_and_function_loop_cap()
    {
        using var spec = await SpecOf("""
            using AgentRules;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public static class Prompts
            {
                [Prompt("research", Version = 3)]
                public const string Research = "You research competitors for the sales team.";
            }

            public static class Factory
            {
                public static string Lookup(string company) => company;

                public static AIAgent Researcher(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions
                {
                    Name = "researcher",
                    MaximumIterationsPerRequest = 12,
                    ChatOptions = new() { Instructions = Prompts.Research, Tools = [AIFunctionFactory.Create(Lookup, "lookup_company")] },
                    DisableToolAutoApproval = true,
                });

                public static AIAgent Coder(IChatClient chat) =>
                    new HarnessAgent(chat, new HarnessAgentOptions { Name = "coder", HarnessInstructions = "Write the tests first." });

                public static AIAgent FromCaller(IChatClient chat, HarnessAgentOptions options) => chat.AsHarnessAgent(options);
            }
            """);

        var agents = spec.RootElement.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(3, agents.Count);

        var researcher = agents.Single(a => a.GetProperty("name").GetString() == "researcher");
        Assert.Equal("Agent Framework AsHarnessAgent", researcher.GetProperty("kind").GetString());
        Assert.Equal("prompt research", researcher.GetProperty("instructions").GetString());
        Assert.Equal(["lookup_company"], researcher.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["MaximumIterationsPerRequest = 12"], researcher.GetProperty("limits").EnumerateArray().Select(t => t.GetString()));

        var coder = agents.Single(a => a.GetProperty("name").GetString() == "coder");
        Assert.Equal("Agent Framework HarnessAgent", coder.GetProperty("kind").GetString());
        Assert.Equal("undeclared", coder.GetProperty("instructions").GetString());
        Assert.Equal(["MaximumIterationsPerRequest: framework default 40"], coder.GetProperty("limits").EnumerateArray().Select(t => t.GetString()));

        // Options from the caller: no name, and no cap guessed.
        var external = agents.Single(a => a.GetProperty("name").ValueKind == JsonValueKind.Null);
        Assert.Empty(external.GetProperty("limits").EnumerateArray());

        // DisableToolAutoApproval = true makes the harness ask for every approval: not a bypass.
        Assert.Empty(spec.RootElement.GetProperty("approvals").EnumerateArray());
    }

    [Fact]
    public async Task MCP_servers_the_code_connects_to_are_listed_with_their_command_or_endpoint()
    {
        using var spec = await SpecOf("""
            using System;
            using System.Threading.Tasks;
            using ModelContextProtocol.Client;

            public static class Servers
            {
                private const string Name = "github";

                public static Task<McpClient> GitHub(string token) => McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
                {
                    Name = Name,
                    Command = "npx",
                    Arguments = ["-y", "@modelcontextprotocol/server-github", token],
                }));

                public static Task<McpClient> Docs() => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
                {
                    Endpoint = new Uri("https://learn.microsoft.com/api/mcp"),
                }));
            }
            """);

        var servers = spec.RootElement.GetProperty("mcpServers").EnumerateArray().ToList();
        Assert.Equal(2, servers.Count);
        Assert.Equal(("github", "stdio", "npx -y @modelcontextprotocol/server-github …"), (servers[0].GetProperty("name").GetString(), servers[0].GetProperty("transport").GetString(), servers[0].GetProperty("target").GetString()));
        Assert.Equal((null, "http", "https://learn.microsoft.com/api/mcp"), (servers[1].GetProperty("name").GetString(), servers[1].GetProperty("transport").GetString(), servers[1].GetProperty("target").GetString()));
        Assert.Equal(2, spec.RootElement.GetProperty("summary").GetProperty("mcpServers").GetInt32());
    }

    [Fact]
    public async Task MCP_tools_from_a_referenced_assembly_are_read_from_metadata()
    {
        var library = CSharpCompilation.Create(
            "Contoso.SharedTools",
            [CSharpSyntaxTree.ParseText("""
                using ModelContextProtocol.Server;
                namespace Contoso.Shared;
                [McpServerToolType]
                public sealed class BillingTools
                {
                    [McpServerTool(Name = "refund_invoice", Destructive = true)] public static string Refund(string id) => id;
                    [McpServerTool] public static string GetInvoiceAsync(string id) => id;
                    public static string NotATool() => "";
                }
                """)],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        using var spec = await SpecOf(
            """
            using Microsoft.Extensions.DependencyInjection;

            public static class Server
            {
                public static void Configure(IServiceCollection services) => services.AddMcpServer().WithTools<Contoso.Shared.BillingTools>();
            }
            """,
            TestReferences.All.Add(MetadataReference.CreateFromImage(image.ToArray())));

        var external = Assert.Single(spec.RootElement.GetProperty("externalTools").EnumerateArray());
        Assert.Equal("WithTools<BillingTools>()", external.GetProperty("registration").GetString());
        Assert.Equal("Contoso.SharedTools", external.GetProperty("assembly").GetString());
        Assert.Equal(["get_invoice", "refund_invoice"], external.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Approval_gates_and_bypasses_are_listed()
    {
        using var spec = await SpecOf("""
            using Microsoft.Extensions.AI;

            public static class Hosted
            {
                public static HostedMcpServerTool Docs() => new("docs", "https://example.com/mcp") { ApprovalMode = HostedMcpServerToolApprovalMode.NeverRequire };
            }
            """);

        var approval = Assert.Single(spec.RootElement.GetProperty("approvals").EnumerateArray());
        Assert.Equal("bypass", approval.GetProperty("kind").GetString());
        Assert.Contains("NeverRequire", approval.GetProperty("what").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, spec.RootElement.GetProperty("summary").GetProperty("approvalBypasses").GetInt32());
    }

    [Fact]
    public async Task Markdown_shows_the_inventory_sections_and_the_format_version_is_3()
    {
        var run = await new GeneratorTest<ProcessSpecGenerator>
        {
            Source = """
                using AgentRules;
                public static class G { public static ToolGuard Guard() => new(new ToolGuardOptions { AgentName = "ops", MaxCalls = 5 }); }
                """,
            EditorConfig = "[*.cs]\n",
        }.RunAsync();

        var markdown = Constant(run, "Markdown");
        Assert.Contains("## Agents", markdown, StringComparison.Ordinal);
        Assert.Contains("| `ops` | AgentRules ToolGuard |", markdown, StringComparison.Ordinal);
        Assert.Contains("## MCP servers\n\nNone.", markdown, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(Constant(run, "Json")).RootElement.GetProperty("formatVersion").GetInt32());
        GeneratorTest<ProcessSpecGenerator>.AssertCompilesWithoutWarnings(run);
    }

    [Fact]
    public void The_sample_spec_shows_its_agent_and_the_MCP_server_it_connects_to()
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("samples", "SupportAgent", "AgentProcessSpec.json")));
        var agent = Assert.Single(spec.RootElement.GetProperty("agents").EnumerateArray());
        Assert.Equal("support-agent", agent.GetProperty("name").GetString());
        Assert.Contains("refund_order", agent.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("MaxCalls = 20", agent.GetProperty("limits").EnumerateArray().Select(t => t.GetString()));

        var server = Assert.Single(spec.RootElement.GetProperty("mcpServers").EnumerateArray());
        Assert.Equal(("support-desk", "stdio"), (server.GetProperty("name").GetString(), server.GetProperty("transport").GetString()));
        Assert.StartsWith("dotnet ", server.GetProperty("target").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> SpecOf(string source, System.Collections.Immutable.ImmutableArray<MetadataReference>? references = null)
    {
        var test = new GeneratorTest<ProcessSpecGenerator> { Source = source, EditorConfig = "[*.cs]\n" };
        if (references is { } r)
        {
            test.References = r;
        }

        return JsonDocument.Parse(Constant(await test.RunAsync(), "Json"));
    }

    private static string Constant(GeneratorRun run, string name)
    {
        var type = run.OutputCompilation.GetTypeByMetadataName("AgentProcessSpec") ?? run.OutputCompilation.GetSymbolsWithName("AgentProcessSpec").OfType<INamedTypeSymbol>().Single();
        return (string)type.GetMembers(name).OfType<IFieldSymbol>().Single().ConstantValue!;
    }
}
