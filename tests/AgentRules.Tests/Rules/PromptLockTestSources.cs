using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// The triage prompt, its hash and the prompt-file settings shared by the prompt version tests (AGR0006, AGR0010-AGR0014) and their code fixes.
/// </summary>
internal static class PromptLockTestSources
{
    internal const string TriageText = "You triage support tickets: billing, shipping or technical.";

    internal static readonly string TriageSha = PromptHash.Compute(TriageText);

    internal static string TriageSource(string attribute = "Prompt(\"support.triage\", Version = 3)") => $$"""
        using AgentRules;

        namespace Support;

        public static class Prompts
        {
            [{{attribute}}]
            public const string Triage = "{{TriageText}}";
        }
        """;

    internal static string TemplateHash(string arrowBody)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { string M(string customer, int count) " + arrowBody + " }");
        var arrow = System.Linq.Enumerable.First(System.Linq.Enumerable.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax>(tree.GetRoot().DescendantNodes()));
        return PromptDeclarationReader.TemplateHash(arrow.Expression);
    }

    internal const string PromptFileConfig = """
        root = true

        [*.cs]

        [prompts/triage.md]
        build_metadata.AdditionalFiles.AgentPromptId = support.triage
        build_metadata.AdditionalFiles.AgentPromptVersion = 3

        [prompts/refunds.md]
        build_metadata.AdditionalFiles.AgentPromptId = support.refunds
        build_metadata.AdditionalFiles.AgentPromptVersion = latest
        """;
}
