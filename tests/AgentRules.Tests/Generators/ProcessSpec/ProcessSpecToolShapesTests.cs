using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>
/// The spec's tool inventory includes tools registered by reflection and through the app's own helper (issue 18):
/// before, an agent built from <c>typeof(T).GetMethods()</c> was listed with no tools, under-reporting what it can destroy.
/// </summary>
public class ProcessSpecToolShapesTests
{
    [Fact]
    public async Task Reflection_and_helper_registered_tools_are_in_the_tool_list_and_on_their_agent()
    {
        var json = await SpecJsonOf("""
            using System;
            using System.IO;
            using System.Linq;
            using System.Reflection;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public class FileSystemTools
            {
                public string GetContentOfFile(string path) => File.ReadAllText(path);

                public void DeleteFile(string path) => File.Delete(path);
            }

            public static class Factory
            {
                private static AIFunction Tool(Delegate impl, string name) => AIFunctionFactory.Create(impl, name: name);

                public static void Wipe(string directory) => Directory.Delete(directory, true);

                public static AIAgent Create(IChatClient chat)
                {
                    FileSystemTools target = new();
                    var tools = typeof(FileSystemTools).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                        .Select(m => (AITool)AIFunctionFactory.Create(m, target))
                        .ToList();
                    tools.Add(Tool(Wipe, "wipe_workspace"));
                    return new ChatClientAgent(chat, instructions: "You manage files.", name: "file-agent", tools: tools);
                }
            }
            """);
        using var spec = JsonDocument.Parse(json);

        var tools = spec.RootElement.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["DeleteFile", "GetContentOfFile", "wipe_workspace"], tools.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        Assert.Equal("destructive", tools["DeleteFile"].GetProperty("effect").GetProperty("kind").GetString());
        Assert.Equal("destructive", tools["wipe_workspace"].GetProperty("effect").GetProperty("kind").GetString());
        Assert.Equal("read-only", tools["GetContentOfFile"].GetProperty("effect").GetProperty("kind").GetString());

        var agent = spec.RootElement.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "file-agent");
        Assert.Equal(["DeleteFile", "GetContentOfFile", "wipe_workspace"], agent.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Azure_Functions_prompts_and_own_role_messages_are_prompt_sites_of_the_spec()
    {
        var json = await SpecJsonOf("""
            using System.Collections.Generic;
            using Microsoft.Azure.Functions.Worker;
            using Microsoft.Azure.Functions.Worker.Extensions.Mcp;

            public enum TurnRole { System, User }

            public sealed record Turn(TurnRole role, string text);

            public sealed class Prompts
            {
                [Function(nameof(Checklist))]
                public string Checklist([McpPromptTrigger("checklist")] PromptInvocationContext context) =>
                    "Review the change for naming, error handling and missing tests.";

                public static List<Turn> Start(string question) =>
                [
                    new Turn(TurnRole.System, "You answer questions about the billing API only."),
                    new Turn(TurnRole.User, question),
                ];
            }
            """);
        using var spec = JsonDocument.Parse(json);

        var sites = spec.RootElement.GetProperty("promptSites").EnumerateArray()
            .Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("source").GetString()))
            .ToList();
        Assert.Equal([("MCP prompt", "undeclared"), ("system message", "undeclared")], sites);
    }

    [Fact]
    public async Task Feedback_messages_a_loop_sends_back_to_the_model_are_prompt_sites_of_the_spec()
    {
        var json = await SpecJsonOf("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public static class Evaluator
            {
                public static async Task<string> RunAsync(ChatClient chat, string task)
                {
                    List<ChatMessage> messages = [new SystemChatMessage("You plan trips."), new UserChatMessage(task)];
                    while (true)
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(messages);
                        var text = completion.Content[0].Text;
                        if (text.Contains("Day 1"))
                        {
                            return text;
                        }

                        messages.Add(new UserChatMessage("Your plan has no days. Write it again, one line per day."));
                    }
                }
            }
            """);
        using var spec = JsonDocument.Parse(json);

        var kinds = spec.RootElement.GetProperty("promptSites").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["system message", "feedback message"], kinds);
    }

    private static async Task<string> SpecJsonOf(string source)
    {
        var run = await new GeneratorTest<ProcessSpecGenerator> { Source = source, EditorConfig = "[*.cs]\n" }.RunAsync();
        var type = run.OutputCompilation.GetTypeByMetadataName("AgentProcessSpec") ?? run.OutputCompilation.GetSymbolsWithName("AgentProcessSpec").OfType<INamedTypeSymbol>().Single();
        return (string)type.GetMembers("Json").OfType<IFieldSymbol>().Single().ConstantValue!;
    }
}
