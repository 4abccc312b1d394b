using System.Collections.Generic;
using System.Linq;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// The knowledge tables' Azure.AI.OpenAI names are the 1.0 line's (2.x wraps the OpenAI SDK's types, so the knowledge
/// test marks them as older spellings): every one of them resolves in the real 1.0.0-beta.6.
/// </summary>
public class AzureOpenAI1KnowledgeTests
{
    [Fact]
    public void Every_Azure_OpenAI_name_of_the_tables_resolves_in_the_real_1_0_beta()
    {
        var compilation = CSharpCompilation.Create("AzureOpenAI1", references: TestReferences.AzureOpenAI1Project, options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var entries = KnowledgeTests.AllEntries().Where(e => e.Type.StartsWith("Azure.AI.OpenAI.", System.StringComparison.Ordinal)).Distinct().ToList();
        var failures = new List<string>();
        foreach (var entry in entries)
        {
            if (KnowledgeTests.Resolve(compilation, entry) is { } problem)
            {
                failures.Add($"{entry}: {problem}");
            }
        }

        // OpenAIClient's four chat members (AgentLoopApis), its type name, ChatMessage's constructor with content and role (PromptApis).
        Assert.True(entries.Count >= 7, $"Only {entries.Count} Azure.AI.OpenAI entries: " + string.Join(", ", entries));
        Assert.True(failures.Count == 0, string.Join(System.Environment.NewLine, failures));
        Assert.NotNull(compilation.GetTypeByMetadataName("Azure.AI.OpenAI.ChatRole")); // the role type PromptSiteTable reads
    }
}
