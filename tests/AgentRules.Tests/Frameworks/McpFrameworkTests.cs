using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// The MCP C# SDK 2.4 as it really is, compiled against the real ModelContextProtocol packages: nullable effect
/// hints in <c>McpServerToolCreateOptions</c>, <c>McpServerTool.Create(AIFunction, …)</c>, type lists given as
/// collection expressions, hand-built tool annotations, prompts from an assembly and sampling system prompts.
/// </summary>
public class McpFrameworkTests
{
    [Fact]
    public async Task An_explicit_true_in_the_nullable_create_options_is_a_read_only_declaration()
    {
        // ReadOnly is bool? in McpServerToolCreateOptions: `ReadOnly = true` is a conversion, still a declaration.
        await new AnalyzerTest<AGR0007ReadOnlyToolWritesAnalyzer>
        {
            Source = """
                using System.IO;
                using ModelContextProtocol.Server;

                public static class Tools
                {
                    public static McpServerTool[] Create() =>
                    [
                        McpServerTool.Create([|(string path) =>|] File.Delete(path), new() { Name = "tidy", ReadOnly = true }),
                        McpServerTool.Create((string path) => File.ReadAllText(path), new() { Name = "read", ReadOnly = true }),
                        McpServerTool.Create((string path) => File.Delete(path), new() { Name = "maybe", ReadOnly = null }),
                    ];
                }
                """,
            ExpectedMessages = { "Tool 'tidy' is declared read-only but calls File.Delete" },
        }.RunAsync();
    }

    [Fact]
    public async Task Nullable_create_options_declare_the_effect_for_AGR0005()
    {
        await new AnalyzerTest<AGR0005UndeclaredToolEffectAnalyzer>
        {
            Source = """
                using System.IO;
                using ModelContextProtocol.Server;

                public static class Tools
                {
                    public static McpServerTool[] Create() =>
                    [
                        McpServerTool.Create((string path) => File.ReadAllText(path), new() { Name = "read_file", ReadOnly = true }),
                        McpServerTool.Create((string path) => File.ReadAllText(path), new McpServerToolCreateOptions { Name = "read_file2", ReadOnly = (bool?)true }),
                        McpServerTool.Create((string path) => File.Delete(path), new() { Name = "delete_file", Destructive = true }),
                        McpServerTool.Create([|(string path) =>|] File.Delete(path), new() { Name = "remove_file", Destructive = null }),
                        McpServerTool.Create([|(string path) =>|] File.Delete(path), new() { Name = "erase_file" }),
                    ];
                }
                """,
            ExpectedMessages =
            {
                "Tool 'remove_file' does not declare whether it is read-only or destructive (it looks destructive: calls File.Delete)",
                "Tool 'erase_file' does not declare whether it is read-only or destructive (it looks destructive: calls File.Delete)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Create_over_an_AIFunction_takes_its_effect_from_the_MCP_options()
    {
        // McpServerTool.Create(AIFunction, options): the AIFunction's callable is the tool, the options declare it.
        await new AnalyzerTest<AGR0007ReadOnlyToolWritesAnalyzer>
        {
            Source = """
                using System.IO;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Server;

                public static class Tools
                {
                    public static void [|Purge|](string path) => File.Delete(path);

                    public static string Peek(string path) => File.ReadAllText(path);

                    public static McpServerTool[] Create() =>
                    [
                        McpServerTool.Create(AIFunctionFactory.Create(Purge), new() { ReadOnly = true }),
                        McpServerTool.Create(AIFunctionFactory.Create(Peek), new() { ReadOnly = true }),
                        McpServerTool.Create(AIFunctionFactory.Create([|(string path) =>|] File.WriteAllText(path, ""), "blank"), new() { ReadOnly = true }),
                    ];
                }
                """,
            ExpectedMessages =
            {
                "Tool 'Purge' is declared read-only but calls File.Delete",
                "Tool 'blank' is declared read-only but calls File.WriteAllText",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Create_over_an_AIFunction_with_a_destructive_hint_is_declared_for_AGR0005()
    {
        await new AnalyzerTest<AGR0005UndeclaredToolEffectAnalyzer>
        {
            Source = """
                using System.IO;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Server;

                public static class Tools
                {
                    public static McpServerTool[] Create() =>
                    [
                        McpServerTool.Create(AIFunctionFactory.Create((string path) => File.Delete(path), "drop_file"), new() { Destructive = true }),
                        McpServerTool.Create(AIFunctionFactory.Create([|(string path) =>|] File.Delete(path), "zap_file"), new() { Title = "Zap" }),
                    ];
                }
                """,
            ExpectedMessages = { "Tool 'zap_file' does not declare whether it is read-only or destructive (it looks destructive: calls File.Delete)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Tool_types_listed_in_a_collection_expression_under_an_environment_check_are_gated()
    {
        // WithTools(IEnumerable<Type>) with [typeof(X)]: registered only in Development, so no AGR0001.
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class MaintenanceTools
                {
                    [McpServerTool(Destructive = true), Description("Drops the cache table.")]
                    public static string DropCache() => "dropped";
                }

                [McpServerToolType]
                public sealed class AdminTools
                {
                    [McpServerTool(Destructive = true), Description("Deletes a tenant.")]
                    public static string [|DeleteTenant|](string id) => id;
                }

                public static class Setup
                {
                    public static void Configure(HostApplicationBuilder builder)
                    {
                        var mcp = builder.Services.AddMcpServer().WithStdioServerTransport();
                        if (builder.Environment.IsDevelopment())
                        {
                            mcp.WithTools([typeof(MaintenanceTools)]);
                        }

                        mcp.WithTools([typeof(AdminTools)]);
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Sampling_system_prompts_are_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Threading;
                using System.Threading.Tasks;
                using AgentRules;
                using ModelContextProtocol.Protocol;
                using ModelContextProtocol.Server;

                public static class Prompts
                {
                    [Prompt("sampling.summarise", Version = 1)]
                    public const string Summarise = "You summarise documents in three sentences.";
                }

                public static class Sampling
                {
                    public static ValueTask<CreateMessageResult> SummariseAsync(McpServer server, CancellationToken cancellationToken) =>
                        server.SampleAsync(new CreateMessageRequestParams
                        {
                            SystemPrompt = [|"You are a terse assistant. Summarise the document."|],
                            Messages = [],
                            MaxTokens = 200,
                        }, cancellationToken);

                    public static ValueTask<CreateMessageResult> DeclaredAsync(McpServer server, CancellationToken cancellationToken) =>
                        server.SampleAsync(new CreateMessageRequestParams { SystemPrompt = Prompts.Summarise, Messages = [], MaxTokens = 200 }, cancellationToken);
                }
                """,
            ExpectedMessages = { "Unversioned system message: a string literal is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task Prompts_registered_from_the_assembly_are_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using AgentRules;
                using Microsoft.Extensions.DependencyInjection;
                using ModelContextProtocol.Server;

                [McpServerPromptType]
                public static class ReviewPrompts
                {
                    [McpServerPrompt, Description("Reviews code.")]
                    public static string Review(string code) => [|$"Review this code for security issues: {code}"|];

                    [McpServerPrompt, Description("Explains code.")]
                    public static string Explain(string code) => Declared.Explain(code);
                }

                public static class Declared
                {
                    [Prompt("review.explain")]
                    public static string Explain(string code) => $"Explain this code to a new team member: {code}";
                }

                public static class Setup
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddMcpServer().WithStdioServerTransport().WithPromptsFromAssembly();
                }
                """,
            ExpectedMessages = { "Unversioned MCP prompt: an interpolated string is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task Hand_built_tools_in_call_tool_handlers_raise_no_false_alarm()
    {
        // WithListToolsHandler/WithCallToolHandler with hand-built Tool and ToolAnnotations (all hints bool?): the
        // handler is not a tool declaration AgentRules can trace, so every tool-safety rule stays quiet rather than guess.
        const string Source = """
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using ModelContextProtocol.Protocol;

            public static class Setup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddMcpServer()
                        .WithStdioServerTransport()
                        .WithListToolsHandler((request, cancellationToken) => ValueTask.FromResult(new ListToolsResult
                        {
                            Tools =
                            [
                                new Tool { Name = "delete_file", Annotations = new ToolAnnotations { DestructiveHint = true, ReadOnlyHint = false } },
                            ],
                        }))
                        .WithCallToolHandler((request, cancellationToken) =>
                        {
                            File.Delete(request.Params!.Arguments!["path"].GetString()!);
                            return ValueTask.FromResult(new CallToolResult { Content = [new TextContentBlock { Text = "deleted" }] });
                        });
            }
            """;

        await new AnalyzerTest<AGR0005UndeclaredToolEffectAnalyzer> { Source = Source }.RunAsync();
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = Source }.RunAsync();
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer> { Source = Source }.RunAsync();
        await new AnalyzerTest<AGR0007ReadOnlyToolWritesAnalyzer> { Source = Source }.RunAsync();
    }
}
