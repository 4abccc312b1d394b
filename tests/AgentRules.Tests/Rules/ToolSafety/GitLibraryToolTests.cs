using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// Git tools written against LibGit2Sharp (issue 18, Agience's <c>CloneRepositoryAsync</c>): cloning or initialising a
/// repository writes one into the file system, like committing or pushing; reading the head or the log does not. On
/// the real LibGit2Sharp 0.32.0 and Semantic Kernel packages.
/// </summary>
public class GitLibraryToolTests
{
    [Fact]
    public async Task Cloning_and_initialising_a_repository_are_evidence_and_reading_one_is_not()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            References = TestReferences.All.Add(TestReferences.LibGit2Sharp),
            Source = """
                using System.ComponentModel;
                using System.Linq;
                using LibGit2Sharp;
                using Microsoft.SemanticKernel;

                public sealed class GitPlugin
                {
                    [KernelFunction, Description("Clones a repository into the working directory.")]
                    public string [|CloneRepository|](string url, string directory) => Repository.Clone(url, directory);

                    [KernelFunction, Description("Makes the folder a repository.")]
                    public string [|Repositorize|](string directory) => Repository.Init(directory);

                    [KernelFunction, Description("The current branch.")]
                    public string CurrentBranch(string directory)
                    {
                        using var repository = new Repository(directory);
                        return repository.Head.FriendlyName;
                    }

                    [KernelFunction, Description("The last commit messages.")]
                    public string History(string directory)
                    {
                        using var repository = new Repository(directory);
                        return string.Join("\n", repository.Commits.Take(10).Select(c => c.MessageShort));
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'CloneRepository' has no environment scope (calls Repository.Clone)",
                "Destructive tool 'Repositorize' has no environment scope (calls Repository.Init)",
            },
        }.RunAsync();
    }
}
