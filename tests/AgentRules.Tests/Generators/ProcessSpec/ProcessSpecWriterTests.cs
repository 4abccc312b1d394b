using System;
using System.Linq;
using System.Text.Json;
using AgentRules.Generators.Infrastructure;
using AgentRules.Generators.ProcessSpec;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

public class ProcessSpecWriterTests
{
    private static readonly SpecTool Tool = new(
        "delete_rows",
        "MCP",
        "Contoso.Tools.Db.DeleteRows",
        new SpecLocation("Tools/Db.cs", 12),
        "Deletes rows | matching \"the\" query.\nUse with care.",
        "destructive",
        "calls SqlCommand.ExecuteNonQuery",
        default,
        "none",
        null,
        20,
        5,
        new[] { new SpecParameter("filter", "string", "SQL WHERE clause") }.ToEquatableArray());

    private static ProcessSpecDocument Document(params SpecTool[] tools) =>
        new("Contoso.Agent", tools.ToEquatableArray(), default, default, default, default);

    [Fact]
    public void Json_is_valid_escaped_and_carries_every_tool_field()
    {
        var json = ProcessSpecGenerator.Emitter.ToJson(Document(Tool));

        using var parsed = JsonDocument.Parse(json);
        var tool = parsed.RootElement.GetProperty("tools")[0];
        Assert.Equal("Deletes rows | matching \"the\" query.\nUse with care.", tool.GetProperty("description").GetString());
        Assert.Equal("calls SqlCommand.ExecuteNonQuery", tool.GetProperty("effect").GetProperty("evidence").GetString());
        Assert.Equal("none", tool.GetProperty("environmentScope").GetProperty("kind").GetString());
        Assert.Equal(20, tool.GetProperty("budget").GetProperty("maxCalls").GetInt32());
        Assert.Equal("SQL WHERE clause", tool.GetProperty("parameters")[0].GetProperty("description").GetString());
        Assert.Equal(1, parsed.RootElement.GetProperty("summary").GetProperty("destructiveTools").GetInt32());
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', json);
    }

    [Fact]
    public void Empty_lists_are_written_as_empty_arrays()
    {
        using var parsed = JsonDocument.Parse(ProcessSpecGenerator.Emitter.ToJson(Document()));
        foreach (var list in new[] { "tools", "prompts", "promptSites", "agentLoops", "functionInvocationSites" })
        {
            Assert.Equal(0, parsed.RootElement.GetProperty(list).GetArrayLength());
        }
    }

    [Fact]
    public void Markdown_tables_escape_pipes_and_flag_unscoped_destructive_tools()
    {
        var markdown = ProcessSpecGenerator.Emitter.ToMarkdown(Document(Tool, Tool with { Name = "read_rows", Form = "In-house | legacy", Effect = "read-only", EffectEvidence = null, Location = new SpecLocation("Tools/Db.cs", 30) }));

        Assert.Contains("| `read_rows` | In-house \\| legacy | read-only | any |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `delete_rows` | MCP | destructive (calls SqlCommand.ExecuteNonQuery) | **any** | none | 20 calls, cost 5 | **not enforced** | `Tools/Db.cs:12` |", markdown, StringComparison.Ordinal);
        Assert.Contains("### `delete_rows`\n\nDeletes rows | matching \"the\" query. Use with care.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("  - `filter` (`string`): SQL WHERE clause", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_class_round_trips_any_text_through_a_string_literal()
    {
        var text = "line 1\nquote \" backslash \\ tab \t unicode é \u2028 end";
        var source = ProcessSpecGenerator.Emitter.ToSource("Contoso", text, "{}", designTime: false);

        Assert.Contains("namespace Contoso;", source, StringComparison.Ordinal);
        Assert.Contains(SourceWriter.StringLiteral(text), source, StringComparison.Ordinal);
        Assert.Contains($"public const string Sha256 = \"{ProcessSpecGenerator.Emitter.Sha256Hex("{}")}\";", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/repo/app/", "/repo/app/Tools/Db.cs", "Tools/Db.cs")]
    [InlineData("/repo/app", "/repo/app/Db.cs", "Db.cs")]
    [InlineData("/repo/app/", "/repo/shared/Links.cs", "../shared/Links.cs")]
    [InlineData("C:\\repo\\app\\", "C:\\repo\\app\\Tools\\Db.cs", "Tools/Db.cs")]
    [InlineData("/repo/app/", "/elsewhere/Db.cs", "Db.cs")]
    public void Paths_are_relative_to_the_project_and_never_absolute(string projectDirectory, string file, string expected)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("x");
        Assert.Equal(expected, SpecPaths.For(compilation, projectDirectory).Relative(file));
    }

    [Fact]
    public void Without_a_project_directory_paths_are_relative_to_the_common_source_folder()
    {
        var trees = new[] { "/src/app/A.cs", "/src/app/Tools/B.cs" }
            .Select(p => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C {}", path: p));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("x", trees);

        Assert.Equal("Tools/B.cs", SpecPaths.For(compilation, null).Relative("/src/app/Tools/B.cs"));
    }

    [Fact]
    public void Loops_sites_and_prompt_sites_render_their_caps_stops_and_sources()
    {
        var spec = new ProcessSpecDocument(
            "Contoso.Agent",
            default,
            default,
            new[]
            {
                new SpecPromptSite("system message", new SpecLocation("Chat.cs", 3), "undeclared", null),
                new SpecPromptSite("agent instructions", new SpecLocation("Chat.cs", 9), "declared", "support.triage"),
                new SpecPromptSite("system message", new SpecLocation("Chat.cs", 12), "outside the code", null),
            }.ToEquatableArray(),
            new[]
            {
                new SpecLoop("while", new SpecLocation("Loop.cs", 20), "none", string.Empty, "none", string.Empty, "IChatClient.GetResponseAsync", default),
                new SpecLoop("for", new SpecLocation("Loop.cs", 40), "counter", "turn < MaxTurns", "kill switch", "KillSwitch.Global.IsTripped", "AskAsync → IChatClient.GetResponseAsync", new[] { "get_order" }.ToEquatableArray()),
            }.ToEquatableArray(),
            new[] { new SpecInvocationSite("UseFunctionInvocation()", new SpecLocation("Program.cs", 7), "framework default", 40, "framework default 40", "MaximumIterationsPerRequest defaults to 40") }.ToEquatableArray());

        var markdown = ProcessSpecGenerator.Emitter.ToMarkdown(spec);
        Assert.Contains("| `Loop.cs:20` | while | **none** | **none** | `IChatClient.GetResponseAsync` | — |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Loop.cs:40` | for | counter: turn < MaxTurns | kill switch: KillSwitch.Global.IsTripped | `AskAsync → IChatClient.GetResponseAsync` | `get_order` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Program.cs:7` | `UseFunctionInvocation()` | **framework default 40** | MaximumIterationsPerRequest defaults to 40 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Chat.cs:3` | system message | **undeclared** |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Chat.cs:9` | agent instructions | `support.triage` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Chat.cs:12` | system message | outside the code |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Prompts | 0 declared; 1 undeclared prompt site |", markdown, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(ProcessSpecGenerator.Emitter.ToJson(spec));
        var loop = json.RootElement.GetProperty("agentLoops")[1];
        Assert.Equal("counter", loop.GetProperty("cap").GetProperty("kind").GetString());
        Assert.Equal("kill switch", loop.GetProperty("stop").GetProperty("kind").GetString());
        Assert.Equal(40, json.RootElement.GetProperty("functionInvocationSites")[0].GetProperty("cap").GetProperty("value").GetInt32());
        Assert.Equal("outside the code", json.RootElement.GetProperty("promptSites")[2].GetProperty("source").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("undeclaredPromptSites").GetInt32());
    }
}
