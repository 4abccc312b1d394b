using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.FixAll;

/// <summary>
/// The tool-safety (AGR0001, AGR0005, AGR0007, AGR0008) and prompt (AGR0004, AGR0006, AGR0010) fixes run the way
/// <c>dotnet format</c> runs them — several rules at once, Fix All seeded with the analyzer's first diagnostic, in
/// document, project and solution scope — and leave code that compiles, with no action refused.
/// </summary>
public class ToolAndPromptDotNetFormatTests
{
    private const string Tools = """
        using System.ComponentModel;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed partial class AccountTools(HttpClient http)
        {
            [McpServerTool(Name = "delete_account"), Description("Deletes an account.")]
            public async Task<string> DeleteAccount(string id) => (await http.DeleteAsync($"/accounts/{id}")).StatusCode.ToString();

            [McpServerTool(Name = "get_account", ReadOnly = true), Description("Gets an account.")]
            public async Task<string> GetAccount(string id)
            {
                await http.PutAsync($"/accounts/{id}/seen", null);
                return await http.GetStringAsync($"/accounts/{id}");
            }

            [McpServerTool(Name = "list_accounts"), Description("Lists accounts.")]
            public Task<string> ListAccounts() => http.GetStringAsync("/accounts");

            [McpServerTool(Name = "purge_logs", Destructive = true), Description("Purges the logs.")]
            public void PurgeLogs(string folder) => Directory.Delete(folder, recursive: true);
        }
        """;

    private const string Prompts = """
        using AgentRules;
        using Microsoft.Extensions.AI;

        public static class SupportPrompts
        {
            [Prompt("support.triage", Version = 2)]
            public const string Triage = "You triage support tickets. Answer with one category, politely.";

            public static ChatMessage System() => new(ChatRole.System, "You are a careful support agent. Never promise refunds.");
        }
        """;

    private static readonly string[] Ids = ["AGR0001", "AGR0004", "AGR0005", "AGR0006", "AGR0007", "AGR0008", "AGR0010"];

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
    [
        new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer(), new AGR0005UndeclaredToolEffectAnalyzer(), new AGR0007ReadOnlyToolWritesAnalyzer(), new AGR0008DestructiveToolWithoutApprovalAnalyzer(),
        new AGR0004UnversionedPromptAnalyzer(), .. RuleGroups.PromptVersions(),
    ];

    private static readonly ImmutableArray<CodeFixProvider> Fixers =
    [
        new AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix(), new AGR0005UndeclaredToolEffectCodeFix(), new AGR0007ReadOnlyToolWritesCodeFix(), new AGR0008DestructiveToolWithoutApprovalCodeFix(),
        new AGR0004UnversionedPromptCodeFix(), new AGR0006PromptChangedWithoutVersionBumpCodeFix(), new AGR0010PromptVersionNotRecordedCodeFix(),
    ];

    public static TheoryData<FixAllScope, bool> Runs()
    {
        var data = new TheoryData<FixAllScope, bool>();
        foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
        {
            data.Add(scope, false);
            data.Add(scope, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Every_fix_applies_and_the_result_compiles(FixAllScope scope, bool reverseOrder)
    {
        // support.triage version 2 is recorded with another text: AGR0006; nothing else is recorded: AGR0010.
        var lockFile = "support.triage 2 " + PromptHash.Compute("You triage support tickets.") + "\n";
        var project = new TestProject().CreateProject([Tools, Prompts], [("AgentPrompts.lock", lockFile)]);
        var before = await DotNetFormatEmulation.AnalyzeAsync(project, Analyzers, Ids);
        var beforeIds = before.Select(d => d.Id).Distinct().OrderBy(id => id).ToArray();
        Assert.Equal(["AGR0001", "AGR0004", "AGR0005", "AGR0006", "AGR0007", "AGR0008"], beforeIds);

        var run = await DotNetFormatEmulation.RunAsync(project, Analyzers, Fixers, Ids, scope, reverseOrder);

        Assert.Empty(run.Warnings);
        Assert.Empty(await DotNetFormatEmulation.CompilerErrorsAsync(run.Project));
        Assert.NotEqual(
            await Text(project),
            await Text(run.Project));

        // A second run (what a user does after the first) leaves nothing fixable in the files the scope covers.
        var second = await DotNetFormatEmulation.RunAsync(run.Project, Analyzers, Fixers, Ids, scope, reverseOrder);
        Assert.Empty(second.Warnings);
        Assert.Empty(await DotNetFormatEmulation.CompilerErrorsAsync(second.Project));
        if (scope != FixAllScope.Document)
        {
            var after = await DotNetFormatEmulation.AnalyzeAsync(second.Project, Analyzers, Ids);
            Assert.Empty(after.Select(AnalyzerRunner.Format));
        }
    }

    private static async Task<string> Text(Project project) =>
        string.Join("\n", await Task.WhenAll(project.Documents.Select(async d => (await d.GetTextAsync()).ToString())));
}
