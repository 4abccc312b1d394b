using AgentRules.Analyzers.Rules;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// The per-ID analyzers that replaced an analyzer reporting several IDs (AgentLoopAnalyzer: AGR0002 and AGR0003;
/// FunctionInvocationCapAnalyzer: AGR0002 and AGR0009; PromptVersionAnalyzer: AGR0006 and AGR0010-AGR0014), for the
/// tests that assert those IDs together: they run the rules side by side, as the compiler does, so every test still
/// asserts every ID it asserted.
/// </summary>
public static class RuleGroups
{
    /// <summary>AGR0002 and AGR0003 (hand-written agent loops).</summary>
    public static DiagnosticAnalyzer[] AgentLoops() => [new AGR0002AgentLoopWithoutIterationCapAnalyzer(), new AGR0003AgentLoopWithoutStopSignalAnalyzer()];

    /// <summary>AGR0002 and AGR0009 (framework function-invocation sites and their settings).</summary>
    public static DiagnosticAnalyzer[] FunctionInvocationCaps() => [new AGR0002AgentLoopWithoutIterationCapAnalyzer(), new AGR0009FunctionInvocationDefaultCapAnalyzer()];

    /// <summary>Every loop rule: AGR0002, AGR0003 and AGR0009.</summary>
    public static DiagnosticAnalyzer[] AllLoopRules() => [new AGR0002AgentLoopWithoutIterationCapAnalyzer(), new AGR0003AgentLoopWithoutStopSignalAnalyzer(), new AGR0009FunctionInvocationDefaultCapAnalyzer()];

    /// <summary>The prompt version rules: AGR0006 and AGR0010-AGR0014.</summary>
    public static DiagnosticAnalyzer[] PromptVersions() =>
    [
        new AGR0006PromptChangedWithoutVersionBumpAnalyzer(),
        new AGR0010PromptVersionNotRecordedAnalyzer(),
        new AGR0011MalformedPromptLockFileAnalyzer(),
        new AGR0012DuplicatePromptIdAnalyzer(),
        new AGR0013InvalidPromptDeclarationAnalyzer(),
        new AGR0014PromptRegistryNameCollisionAnalyzer(),
    ];
}

/// <summary>AGR0002 and AGR0003 together (see <see cref="RuleGroups"/>).</summary>
public class AgentLoopRulesTest : AnalyzerTest<AGR0002AgentLoopWithoutIterationCapAnalyzer>
{
    public AgentLoopRulesTest() => AdditionalAnalyzers.Add(new AGR0003AgentLoopWithoutStopSignalAnalyzer());
}

/// <summary>A code fix verified with AGR0002 and AGR0003 running together (see <see cref="RuleGroups"/>).</summary>
public class AgentLoopRulesFixTest<TCodeFix> : CodeFixTest<AGR0002AgentLoopWithoutIterationCapAnalyzer, TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public AgentLoopRulesFixTest() => AdditionalAnalyzers.Add(new AGR0003AgentLoopWithoutStopSignalAnalyzer());
}

/// <summary>AGR0009 and AGR0002 together (see <see cref="RuleGroups"/>).</summary>
public class FunctionInvocationCapRulesTest : AnalyzerTest<AGR0009FunctionInvocationDefaultCapAnalyzer>
{
    public FunctionInvocationCapRulesTest() => AdditionalAnalyzers.Add(new AGR0002AgentLoopWithoutIterationCapAnalyzer());
}

/// <summary>A code fix verified with AGR0009 and AGR0002 running together (see <see cref="RuleGroups"/>).</summary>
public class FunctionInvocationCapRulesFixTest<TCodeFix> : CodeFixTest<AGR0009FunctionInvocationDefaultCapAnalyzer, TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public FunctionInvocationCapRulesFixTest() => AdditionalAnalyzers.Add(new AGR0002AgentLoopWithoutIterationCapAnalyzer());
}

/// <summary>The six prompt version rules together (see <see cref="RuleGroups"/>).</summary>
public class PromptVersionRulesTest : AnalyzerTest<AGR0006PromptChangedWithoutVersionBumpAnalyzer>
{
    public PromptVersionRulesTest() => AdditionalAnalyzers.AddRange(RuleGroups.PromptVersions()[1..]);
}

/// <summary>A code fix verified with the six prompt version rules running together (see <see cref="RuleGroups"/>).</summary>
public class PromptVersionRulesFixTest<TCodeFix> : CodeFixTest<AGR0006PromptChangedWithoutVersionBumpAnalyzer, TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public PromptVersionRulesFixTest() => AdditionalAnalyzers.AddRange(RuleGroups.PromptVersions()[1..]);
}
