using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>
/// The spec's tool list includes tools created through the app's own helper (issue 18): lambdas handed to a helper
/// around <c>AIFunctionFactory.Create</c>, and OpenAI chat tools built by a helper around
/// <c>ChatTool.CreateFunctionTool</c>, with the effect read from the lambda or from the dispatch branch that runs the
/// chat tool. Before, such an agent's destructive tools were missing from its spec.
/// </summary>
public class ProcessSpecHelperToolTests
{
    [Fact]
    public async Task Lambdas_and_chat_tools_created_through_a_helper_are_in_the_tool_list_with_their_effect()
    {
        var json = await SpecJsonOf("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            public static class MeaiTools
            {
                private static AITool Tool(Delegate body, string name) => AIFunctionFactory.Create(body, name);

                public static IList<AITool> All() =>
                [
                    Tool((string path) => File.ReadAllText(path), "read_note"),
                    Tool((string path) => File.Delete(path), "forget_note"),
                ];
            }

            public static class ChatTools
            {
                private static ChatTool Define(string name, string description) => ChatTool.CreateFunctionTool(name, description);

                public static IList<ChatTool> All() => [Define("notes", "Keeps notes."), Define("list_notes", "Lists the notes.")];

                public static string Run(ChatToolCall call) => call.FunctionName switch
                {
                    "notes" => Save(call.FunctionArguments.ToString()),
                    "list_notes" => string.Join(",", Directory.GetFiles("/notes")),
                    _ => "unknown",
                };

                private static string Save(string text)
                {
                    File.WriteAllText("/notes/notes.txt", text);
                    return "saved";
                }
            }
            """);
        using var spec = JsonDocument.Parse(json);

        var tools = spec.RootElement.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["forget_note", "list_notes", "notes", "read_note"], tools.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        Assert.Equal("destructive", tools["forget_note"].GetProperty("effect").GetProperty("kind").GetString());
        Assert.Equal("destructive", tools["notes"].GetProperty("effect").GetProperty("kind").GetString());
        Assert.Equal("read-only", tools["read_note"].GetProperty("effect").GetProperty("kind").GetString());
        Assert.Equal("read-only", tools["list_notes"].GetProperty("effect").GetProperty("kind").GetString());
    }

    private static async Task<string> SpecJsonOf(string source)
    {
        var run = await new GeneratorTest<ProcessSpecGenerator> { Source = source, EditorConfig = "[*.cs]\n" }.RunAsync();
        var type = run.OutputCompilation.GetTypeByMetadataName("AgentProcessSpec") ?? run.OutputCompilation.GetSymbolsWithName("AgentProcessSpec").OfType<INamedTypeSymbol>().Single();
        return (string)type.GetMembers("Json").OfType<IFieldSymbol>().Single().ConstantValue!;
    }
}
