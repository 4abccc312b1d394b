using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>The cheap path: files that spell no prompt API are never bound, whatever else they contain.</summary>
public class PromptCandidatesTests
{
    // Not agent code: templates, messages, builders and instructions of its own, but no prompt API.
    private const string Library = """
        using System.Collections.Generic;
        using System.Text;

        public sealed class MessageTemplate
        {
            public string TemplateText { get; set; } = "";
            public List<string> Lines { get; } = new();

            public string Render(string name)
            {
                var builder = new StringBuilder(TemplateText);
                builder.Replace("{name}", name);
                Lines.Add(builder.ToString());
                return builder.ToString();
            }

            public static MessageTemplate CreateDefault() => new() { TemplateText = "Hello {name}" };
        }
        """;

    private const string Agent = """
        using Microsoft.Extensions.AI;

        public sealed class Triage
        {
            public ChatMessage System() => new(ChatRole.System, "You triage support tickets.");
        }
        """;

    [Fact]
    public async Task Only_files_that_spell_a_prompt_API_are_bound()
    {
        var test = new AnalyzerTest<AGR0004UnversionedPromptAnalyzer> { Sources = { Library, Agent } };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var trees = compilation.SyntaxTrees.ToArray();

        var recognizer = PromptSiteRecognizer.Create(new KnownTypes(compilation), ImmutableArray<string>.Empty)!;
        Assert.False(recognizer.MayContainSites(trees[0], default));
        Assert.True(recognizer.MayContainSites(trees[1], default));
        Assert.False(PromptDeclarationReader.MayDeclarePrompts(trees[0], compilation, default));

        var bound = new List<SyntaxTree>();
        var catalog = PromptCatalog.Collect(
            compilation,
            tree =>
            {
                bound.Add(tree);
                return compilation.GetSemanticModel(tree);
            },
            project.AnalyzerOptions.AdditionalFiles,
            project.AnalyzerOptions.AnalyzerConfigOptionsProvider,
            default);

        Assert.Equal(new[] { trees[1] }, bound);
        var use = Assert.Single(catalog.Uses);
        Assert.Equal(PromptSiteKind.SystemMessage, use.Site.Kind);
        Assert.False(use.IsVersioned);
    }
}
