using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0008: a destructive tool with no human-approval gate: neither AgentRules <c>[RequiresApproval]</c>, nor an
/// <c>ApprovalRequiredAIFunction</c> around it where it is registered in the same compilation, nor a question the
/// tool asks a human before it writes (MCP elicitation, a console or UI confirmation). Silent when the compilation
/// gates tools in a way that cannot be traced to single tools (a wrapper over a whole tool list, a Semantic Kernel
/// invocation filter, an MCP call-tool filter), and for OpenAI chat tools, whose invocation is the application's own
/// code. Also reports approval that is switched off: a wrapper the Agent Framework host approves automatically,
/// options that disable the approval of a framework's own destructive tools, and destructive-looking tools of a
/// hosted MCP server that never require approval.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0008DestructiveToolWithoutApprovalAnalyzer : ToolSafetyAnalyzer
{
    /// <summary>AGR0008: a destructive tool runs without a human-approval gate.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.DestructiveToolWithoutApproval,
        title: "Destructive tool has no human-approval gate",
        messageFormat: "Destructive tool '{0}' runs without human approval ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Info,
        description: "A destructive tool runs as soon as the model asks for it. Put a human in the loop: AgentRules [RequiresApproval] (generated tool wrappers then require approval), or wrap the AIFunction in ApprovalRequiredAIFunction where it is registered.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

    protected override void Analyze(ToolInfo tool, Action<Diagnostic> report)
    {
        if (tool.Effect.Effect != ToolEffect.Destructive || tool.Form == ToolForm.OpenAIChatTool || tool.Effect.Deciding is not { } evidence)
        {
            return;
        }

        if (tool.Approval is null)
        {
            report(CreateDiagnostic(Rule, tool, null, tool.Name, evidence.Text));
        }
        else if (!tool.Approval.IsGate)
        {
            report(CreateDiagnostic(Rule, tool, null, tool.Name,
                $"{evidence.Text}; its ApprovalRequiredAIFunction is approved automatically by {tool.Approval.Bypass}"));
        }
    }

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, ToolSafetyContext? tools)
    {
        // Through the compilation's KnownTypes (the tool context's when there is one): in the IDE its answers from the
        // references are carried to the next compilation, where each GetTypeByMetadataName would search every
        // reference of each new compilation again (tens of milliseconds per keystroke on a large project).
        var compilation = context.Compilation;
        var types = tools?.Types ?? new KnownTypes(compilation);
        var disabled = new List<(INamedTypeSymbol Type, string Property, string Tools)>();
        foreach (var (option, toolsName) in ApprovalApis.DisabledApprovals)
        {
            if (types.Get(option.Type) is { } type)
            {
                disabled.Add((type, option.Member, toolsName));
            }
        }

        var providerRules = new List<(INamedTypeSymbol Type, string Property, string Tools)>();
        foreach (var (rule, toolsName) in ApprovalApis.ProviderAutoApprovals)
        {
            if (types.Get(rule.Type) is { } type)
            {
                providerRules.Add((type, rule.Member, toolsName));
            }
        }

        var hostedMcp = types.Get("Microsoft.Extensions.AI.HostedMcpServerTool");
        var approvalMode = types.Get("Microsoft.Extensions.AI.HostedMcpServerToolApprovalMode");
        var assignments = disabled.Count > 0 || (hostedMcp is not null && approvalMode is not null);
        if (providerRules.Count == 0 && !assignments)
        {
            return;
        }

        // One action per file, gated by the words a reportable node must spell: a provider rule is read by its
        // property's name, and a reportable assignment sets a property of one of these names. A file that spells none
        // of them (nearly all files) costs one lookup in its word index; node actions on every identifier, member
        // access and assignment of the compilation cost most of AgentRules' time on a large codebase. In the few
        // files that pass, every node is checked as the node actions did, and only candidates are bound.
        var settings = new Settings(
            providerRules.Count > 0 ? providerRules.Select(r => r.Property).Distinct(StringComparer.Ordinal).ToArray() : Array.Empty<string>(),
            providerRules,
            assignments ? disabled.Select(d => d.Property).Append("ApprovalMode").Distinct(StringComparer.Ordinal).ToArray() : Array.Empty<string>(),
            disabled,
            hostedMcp,
            approvalMode,
            tools?.Verbs ?? ToolVerbs.Default,
            types.Get("System.CodeDom.Compiler.GeneratedCodeAttribute"));
        context.RegisterSemanticModelAction(c => AnalyzeSettings(c, settings));
    }

    /// <summary>
    /// The framework settings of one file that approve destructive tools without asking: provider rules read
    /// (<c>FileAccessProvider.AllToolsAutoApprovalRule</c>) and assignments that switch approval off.
    /// </summary>
    private static void AnalyzeSettings(SemanticModelAnalysisContext context, Settings settings)
    {
        var model = context.SemanticModel;
        var tree = model.SyntaxTree;
        var cancellationToken = context.CancellationToken;
        var rules = settings.RuleNames.Length > 0 && SourceIndex.ContainsAny(tree, settings.RuleNames, cancellationToken);
        var assignments = settings.AssignedNames.Length > 0 && SourceIndex.ContainsAny(tree, settings.AssignedNames, cancellationToken);
        if (!rules && !assignments)
        {
            return;
        }

        // Generated code is left out here, as for the tools (ToolSafetyAnalyzer reports in generated code as far as the driver is concerned).
        Action<Diagnostic> report = diagnostic => GeneratedCodeFilter.Report(context, diagnostic);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (rules && (node.IsKind(SyntaxKind.SimpleMemberAccessExpression) || node.IsKind(SyntaxKind.IdentifierName)))
            {
                // Syntax first, then the one operation: operation actions would build every member's operation tree, which
                // Roslyn does recursively (deeply nested members overflow the stack); GetOperationWithinLimits stays quiet there.
                var name = node switch
                {
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    IdentifierNameSyntax identifier when !(identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier) => identifier.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null && Array.IndexOf(settings.RuleNames, name) >= 0
                    && !InGeneratedCodeSymbol(model, node, settings.GeneratedCode, cancellationToken)
                    && model.GetOperationWithinLimits(node, cancellationToken) is IPropertyReferenceOperation reference)
                {
                    AnalyzeProviderRule(reference, report, settings.ProviderRules);
                }
            }
            else if (assignments && node.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                // Only assignments to a property of one of these names can be reported: the others are not bound (binding
                // every assignment of the compilation cost most of AgentRules' time on a large codebase).
                if ((AssignedName(((AssignmentExpressionSyntax)node).Left) is not { } assigned || Array.IndexOf(settings.AssignedNames, assigned) >= 0)
                    && !InGeneratedCodeSymbol(model, node, settings.GeneratedCode, cancellationToken)
                    && model.GetOperationWithinLimits(node, cancellationToken) is ISimpleAssignmentOperation assignment)
                {
                    AnalyzeAssignment(assignment, report, settings.Disabled, settings.HostedMcp, settings.ApprovalMode, settings.Verbs);
                }
            }
        }
    }

    /// <summary>
    /// True when the node is inside a member or type marked <c>[GeneratedCode]</c>: the compiler does not run this
    /// analyzer's node actions there (it does not analyze generated code), and a file-wide walk skips the same code.
    /// </summary>
    private static bool InGeneratedCodeSymbol(SemanticModel model, SyntaxNode node, INamedTypeSymbol? generatedCode, CancellationToken cancellationToken)
    {
        if (generatedCode is null)
        {
            return false;
        }

        for (var symbol = model.GetEnclosingSymbol(node.SpanStart, cancellationToken); symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, generatedCode))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private sealed class Settings(
        string[] ruleNames,
        List<(INamedTypeSymbol Type, string Property, string Tools)> providerRules,
        string[] assignedNames,
        List<(INamedTypeSymbol Type, string Property, string Tools)> disabled,
        INamedTypeSymbol? hostedMcp,
        INamedTypeSymbol? approvalMode,
        ToolVerbs verbs,
        INamedTypeSymbol? generatedCode)
    {
        public string[] RuleNames { get; } = ruleNames;

        public List<(INamedTypeSymbol Type, string Property, string Tools)> ProviderRules { get; } = providerRules;

        public string[] AssignedNames { get; } = assignedNames;

        public List<(INamedTypeSymbol Type, string Property, string Tools)> Disabled { get; } = disabled;

        public INamedTypeSymbol? HostedMcp { get; } = hostedMcp;

        public INamedTypeSymbol? ApprovalMode { get; } = approvalMode;

        public ToolVerbs Verbs { get; } = verbs;

        public INamedTypeSymbol? GeneratedCode { get; } = generatedCode;
    }

    /// <summary>The name of the member an assignment's left side names (<c>x.Name</c>, <c>Name</c>, <c>x?.Name</c>), or null when it is not a plain name.</summary>
    private static string? AssignedName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name is IdentifierNameSyntax { Identifier.ValueText: var name } ? name : null,
        ConditionalAccessExpressionSyntax conditional => conditional.WhenNotNull is MemberBindingExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: var bound } } ? bound : null,
        _ => null,
    };

    private static void AnalyzeAssignment(
        ISimpleAssignmentOperation operation,
        Action<Diagnostic> report,
        List<(INamedTypeSymbol Type, string Property, string Tools)> disabled,
        INamedTypeSymbol? hostedMcp,
        INamedTypeSymbol? approvalMode,
        ToolVerbs verbs)
    {
        if (operation is not { Target: IPropertyReferenceOperation target } assignment)
        {
            return;
        }

        var property = target.Property;
        foreach (var (type, name, toolsName) in disabled)
        {
            if (property.Name == name && property.ContainingType.IsOrDerivesFrom(type) && assignment.Value.ConstantValue is { HasValue: true, Value: true })
            {
                report(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(),
                    toolsName, $"{type.Name}.{name} = true"));
                return;
            }
        }

        if (hostedMcp is null || approvalMode is null || property.Name != "ApprovalMode" || !property.ContainingType.IsOrDerivesFrom(hostedMcp)
            || assignment.Parent is not IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation } initializer)
        {
            return;
        }

        var creation = (IObjectCreationOperation)initializer.Parent!;

        // Only what the hosted server is allowed to run is known: literal AllowedTools names, or the names a
        // RequireSpecific mode exempts. A server with no list stays quiet (its tools are not known here).
        var server = ServerName(creation) ?? "hosted MCP server";
        var mode = ToolSafetyContext.Unwrap(assignment.Value);
        IOperation? names = null;
        string reason;
        if (mode is IPropertyReferenceOperation { Property.Name: "NeverRequire" } never && SymbolEqualityComparer.Default.Equals(never.Property.ContainingType, approvalMode))
        {
            names = InitializerValue(creation, "AllowedTools");
            reason = $"hosted MCP server '{server}' with ApprovalMode = NeverRequire";
        }
        else if (mode is IInvocationOperation { TargetMethod.Name: "RequireSpecific" } specific && SymbolEqualityComparer.Default.Equals(specific.TargetMethod.ContainingType, approvalMode))
        {
            foreach (var argument in specific.Arguments)
            {
                if (argument.Parameter?.Name == "neverRequireApprovalToolNames")
                {
                    names = argument.Value;
                }
            }

            reason = $"listed as never requiring approval on hosted MCP server '{server}'";
        }
        else
        {
            return;
        }

        foreach (var (toolName, location) in LiteralNames(names))
        {
            if (verbs.ClassifyName(toolName).Effect == ToolEffect.Destructive)
            {
                report(Diagnostic.Create(Rule, location, toolName, reason));
            }
        }
    }

    /// <summary><c>FileAccessProvider.AllToolsAutoApprovalRule</c>: the provider's destructive tools run unasked.</summary>
    private static void AnalyzeProviderRule(IPropertyReferenceOperation reference, Action<Diagnostic> report, List<(INamedTypeSymbol Type, string Property, string Tools)> rules)
    {
        var property = reference.Property;
        foreach (var (type, name, toolsName) in rules)
        {
            if (property.Name == name && SymbolEqualityComparer.Default.Equals(property.ContainingType, type))
            {
                report(Diagnostic.Create(Rule, reference.Syntax.GetLocation(),
                    toolsName, $"{type.Name}.{name} approves them automatically"));
                return;
            }
        }
    }

    private static string? ServerName(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "serverName" && argument.Value.ConstantValue is { HasValue: true, Value: string name })
            {
                return name;
            }
        }

        return null;
    }

    private static IOperation? InitializerValue(IObjectCreationOperation creation, string property)
    {
        foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && target.Property.Name == property)
            {
                return assignment.Value;
            }
        }

        return null;
    }

    /// <summary>The string literals of a list: an array, a collection expression, a <c>new List&lt;string&gt; { ... }</c>.</summary>
    private static IEnumerable<(string Name, Location Location)> LiteralNames(IOperation? list)
    {
        if (list is null)
        {
            yield break;
        }

        foreach (var operation in ToolSafetyContext.Unwrap(list).DescendantsAndSelf())
        {
            if (operation is ILiteralOperation { ConstantValue: { HasValue: true, Value: string name } } literal)
            {
                yield return (name, literal.Syntax.GetLocation());
            }
        }
    }
}
