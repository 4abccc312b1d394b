using System.Collections.Immutable;
using AgentRules.Analyzers.Rules;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Every AgentRules descriptor, in ID order: the analyzers' (each in its rule's file,
/// <c>Rules/AGRxxxx&lt;Name&gt;Analyzer.cs</c>, as <c>Rule</c>) and the generators' and build task's
/// (<see cref="DiagnosticDescriptors"/>). The catalogue tests read this list: each ID has a constant in
/// <see cref="DiagnosticIds"/>, a docs page, a README row, a release-tracking row, and (for analyzer rules) its analyzer,
/// code fix and test files named by the ID.
/// </summary>
public static class RuleCatalog
{
    /// <summary>All descriptors, sorted by ID.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer.Rule,
        AGR0002AgentLoopWithoutIterationCapAnalyzer.Rule,
        AGR0003AgentLoopWithoutStopSignalAnalyzer.Rule,
        AGR0004UnversionedPromptAnalyzer.Rule,
        AGR0005UndeclaredToolEffectAnalyzer.Rule,
        AGR0006PromptChangedWithoutVersionBumpAnalyzer.Rule,
        AGR0007ReadOnlyToolWritesAnalyzer.Rule,
        AGR0008DestructiveToolWithoutApprovalAnalyzer.Rule,
        AGR0009FunctionInvocationDefaultCapAnalyzer.Rule,
        AGR0010PromptVersionNotRecordedAnalyzer.Rule,
        AGR0011MalformedPromptLockFileAnalyzer.Rule,
        AGR0012DuplicatePromptIdAnalyzer.Rule,
        AGR0013InvalidPromptDeclarationAnalyzer.Rule,
        AGR0014PromptRegistryNameCollisionAnalyzer.Rule,
        AGR0015McpToolWithoutPinAnalyzer.Rule,
        AGR0016ToolControlNotEnforcedAnalyzer.Rule,
        AGR0017AgentRunWithoutBudgetAnalyzer.Rule,
        DiagnosticDescriptors.AgentToolTypeNotPartial,
        DiagnosticDescriptors.AgentToolParameterTypeNotSupported,
        DiagnosticDescriptors.AgentToolIsGeneric,
        DiagnosticDescriptors.AgentToolHasByRefParameter,
        DiagnosticDescriptors.AgentToolNeedsNewerLanguageVersion,
        DiagnosticDescriptors.DuplicateAgentToolName,
        DiagnosticDescriptors.InvalidRootNamespace,
        DiagnosticDescriptors.ProcessSpecOutOfDate,
        DiagnosticDescriptors.ProcessSpecNotWritten,
        DiagnosticDescriptors.ProcessSpecFacts,
        AGR0300InvalidOptionAnalyzer.Rule);
}
