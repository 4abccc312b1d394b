using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.Prompts;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Generators;

/// <summary>
/// The edit a prompt author makes most: code in the same file as a prompt (the class that builds the agent around
/// it), the prompt itself untouched. The file's tree changes, so the prompt's member is read again, but its model must
/// come out equal: every tracked step Cached or Unchanged, and the registry not rewritten.
/// </summary>
public class PromptRegistryIncrementalTests
{
    private const string PromptsWithCode = """
        using AgentRules;

        namespace Support;

        public static class SupportAgent
        {
            [Prompt("support.triage", Version = 3)]
            public const string Triage = "You triage support tickets.";

            [Prompt("support.summary", Version = 2)]
            public static string Summary(string customer) => $"Summarise the tickets of {customer}.";

            public static int MaxTurns() { return 8; }
        }
        """;

    private static GeneratorTest<PromptRegistryGenerator> Test() => new()
    {
        Source = PromptsWithCode,
        GlobalConfig = "build_property.RootNamespace = Support",
        AdditionalFiles = { ("AgentPrompts.lock", string.Empty) },
    };

    private static Compilation Edit(Compilation compilation, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class SupportAgent", StringComparison.Ordinal));
        Assert.Contains(from, tree.ToString(), StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(tree.ToString().Replace(from, to, StringComparison.Ordinal))));
    }

    // Every step but the files' (this project declares no prompt files, so that step has nothing to run on).
    private static readonly string[] Steps = TrackingNames.All.Where(n => n != TrackingNames.Files).ToArray();

    [Fact]
    public async Task A_body_edit_in_the_prompts_file_leaves_every_step_cached_or_unchanged()
    {
        await Test().AssertStepsCachedAfterUnrelatedEditAsync(Steps, c => Edit(c, "return 8;", "return 12;"));
    }

    [Fact]
    public async Task A_new_member_after_the_prompts_in_their_file_leaves_every_step_cached_or_unchanged()
    {
        await Test().AssertStepsCachedAfterUnrelatedEditAsync(
            Steps,
            c => Edit(c, "public static int MaxTurns() { return 8; }", "public static int MaxTurns() { return 8; }\n\n    public static string Greeting(string name) => \"Hello \" + name;"));
    }

    [Fact]
    public async Task The_prompts_members_are_read_again_and_found_equal()
    {
        var test = Test();
        var first = await test.RunAsync();
        var second = GeneratorTest<PromptRegistryGenerator>.Run(first.Driver, Edit(first.InputCompilation, "return 8;", "return 12;"));

        // The tree is new, so each member's step runs, and yields an equal model.
        var members = second.Result.Results.Single().TrackedSteps[TrackingNames.Members].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, members.Count);
        Assert.All(members, o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(second.Result.Results.Single().TrackedSteps[TrackingNames.Registry].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
    }

    [Fact]
    public async Task Editing_the_prompt_itself_still_reaches_the_registry()
    {
        var test = Test();
        var first = await test.RunAsync();
        var second = GeneratorTest<PromptRegistryGenerator>.Run(first.Driver, Edit(first.InputCompilation, "\"You triage support tickets.\"", "\"You triage support tickets politely.\""));

        Assert.Contains(TrackingNames.Registry, second.Result.Results.Single().TrackedSteps.Keys);
        Assert.All(second.Result.Results.Single().TrackedSteps[TrackingNames.Registry].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.Contains("politely", second.GeneratedSources["AgentPrompts.g.cs"], StringComparison.Ordinal);
    }
}
