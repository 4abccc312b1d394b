using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.PromptLockTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0013: prompt declarations that cannot be versioned as written.
/// </summary>
public class AGR0013InvalidPromptDeclarationTests
{
    [Theory]
    [InlineData("[{|AGR0013:Prompt(\"\")|}] public const string P = \"text\";", "Prompt '' cannot be versioned: its id is empty")]
    [InlineData("[{|AGR0013:Prompt(\"support triage\")|}] public const string P = \"text\";", "Prompt 'support triage' cannot be versioned: its id contains whitespace")]
    [InlineData("[{|AGR0013:Prompt(\"p\", Version = 0)|}] public const string P = \"text\";", "Prompt 'p' cannot be versioned: its version is 0; versions start at 1")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public const int P = 3;", "Prompt 'p' cannot be versioned: [Prompt] goes on a string field, property or method")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static string P = \"text\";", "Prompt 'p' cannot be versioned: the field is not readonly, so its text can change at run time")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static string P { get; set; } = \"text\";", "Prompt 'p' cannot be versioned: the property has a setter, so its text can change at run time")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static readonly string P = System.IO.File.ReadAllText(\"p.md\");", "Prompt 'p' cannot be versioned: it reads its text from a file at run time; declare the file as an <AgentPrompt> item instead")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static readonly string P;", "Prompt 'p' cannot be versioned: the readonly field has no initializer, so its text is not known at compile time")]
    public async Task Declarations_that_cannot_be_versioned_are_reported(string member, string message)
    {
        await new PromptVersionRulesTest
        {
            Source = "using AgentRules;\npublic static class Prompts\n{\n    " + member + "\n}\n",
            ExpectedMessages = { message },
        }.RunAsync();
    }
}
