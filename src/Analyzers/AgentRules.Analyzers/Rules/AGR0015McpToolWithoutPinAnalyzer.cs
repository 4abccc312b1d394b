using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0015: tools listed from an MCP server (<c>McpClient.ListToolsAsync</c>) reach a model — <c>ChatOptions.Tools</c>,
/// an Agent Framework agent's <c>tools</c>, a Semantic Kernel plugin — without passing the pin check
/// (<c>ListPinnedToolsAsync</c> / <c>Pinned</c> of AgentRules.ModelContextProtocol). The flow is followed within one
/// member body, through locals, awaits, conversions, LINQ and collection building; tools that arrive through fields,
/// parameters or calls it cannot see into are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0015McpToolWithoutPinAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGR0015: tools listed from an MCP server reach a model without the pin check.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.McpToolWithoutPin,
        title: "MCP client tools reach the model without a pin check",
        messageFormat: "MCP tools from '{0}' reach {1} without a pin check",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "Tools listed from an MCP server at run time carry whatever description and input schema the server sends that day, and the model follows them. Pin the tools you reviewed in McpTools.lock and list them through the check (client.ListPinnedToolsAsync(pins), or tools.Pinned(pins, options) from AgentRules.ModelContextProtocol), so a tool whose description or schema changed, or a tool nobody pinned, never reaches the model.");

    private const string McpClientNamespace = "ModelContextProtocol.Client";
    private const string PinningType = "AgentRules.ModelContextProtocol.McpToolPinning";
    private const string ChatOptionsType = "Microsoft.Extensions.AI.ChatOptions";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (new KnownTypes(start.Compilation).Get(McpClientNamespace + ".McpClientTool") is null)
            {
                return; // no MCP client in this compilation
            }

            // Per file, by name first, then each member's operations through GetOperationWithinLimits: an operation
            // block action would build every member's operation tree, which Roslyn does recursively (deeply nested
            // members overflow the stack and take the compiler down).
            start.RegisterSemanticModelAction(AnalyzeTree);
        });
    }

    private static void AnalyzeTree(SemanticModelAnalysisContext context)
    {
        var tree = context.SemanticModel.SyntaxTree;
        if (!SourceIndex.Contains(tree, "ListToolsAsync", context.CancellationToken))
        {
            return;
        }

        // A member body can only list tools when its own text calls ListToolsAsync (the flow is followed within one
        // body): the other members of the file are not bound. Top-level statements are one body.
        var listCalls = SourceIndex.FindWord(tree, "ListToolsAsync", context.CancellationToken);
        var root = tree.GetRoot(context.CancellationToken);
        var topLevelLists = false;
        foreach (var member in ((CompilationUnitSyntax)root).Members)
        {
            topLevelLists |= member is GlobalStatementSyntax && Spells(member, listCalls);
        }

        var topLevel = new List<IOperation>();
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is GlobalStatementSyntax ? !topLevelLists : node is MemberDeclarationSyntax && !Spells(node, listCalls))
            {
                continue;
            }

            switch (node)
            {
                case GlobalStatementSyntax global when context.SemanticModel.GetOperationWithinLimits(global.Statement, context.CancellationToken) is { } statement:
                    topLevel.Add(statement); // top-level statements are one block, as the compiler's Main
                    break;
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax { ExpressionBody: not null }
                    when context.SemanticModel.GetOperationWithinLimits(node is PropertyDeclarationSyntax property ? property.ExpressionBody! : node, context.CancellationToken) is { } body:
                    AnalyzeBlocks(new[] { body }, context.ReportDiagnostic);
                    break;
                case BasePropertyDeclarationSyntax { AccessorList: { } accessors }:
                    foreach (var accessor in accessors.Accessors)
                    {
                        if (context.SemanticModel.GetOperationWithinLimits(accessor, context.CancellationToken) is { } accessorBody)
                        {
                            AnalyzeBlocks(new[] { accessorBody }, context.ReportDiagnostic);
                        }
                    }

                    break;
            }
        }

        if (topLevel.Count > 0)
        {
            AnalyzeBlocks(topLevel, context.ReportDiagnostic);
        }
    }

    /// <summary>True when one of <paramref name="positions"/> (where the file spells a word) lies inside <paramref name="node"/>.</summary>
    private static bool Spells(SyntaxNode node, ImmutableArray<int> positions)
    {
        foreach (var position in positions)
        {
            if (node.FullSpan.Contains(position))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeBlocks(IEnumerable<IOperation> blocks, Action<Diagnostic> report)
    {
        var operations = new List<IOperation>();
        var listsTools = false;
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                operations.Add(operation);
                listsTools |= operation is IInvocationOperation invocation && IsListTools(invocation.TargetMethod);
            }
        }

        if (!listsTools)
        {
            return;
        }

        var flow = new Flow();
        flow.Propagate(operations);

        var reported = new HashSet<SyntaxNode>();
        foreach (var operation in operations)
        {
            if (Sink(operation) is not (IOperation value, string target))
            {
                continue;
            }

            if (flow.SourceOf(value) is { } source && reported.Add(value.Syntax))
            {
                report(Diagnostic.Create(Rule, value.Syntax.GetLocation(), Shorten(source.Syntax.ToString()), target));
            }
        }
    }

    /// <summary>Where tools are handed to a model: the value handed over and a short name of the place.</summary>
    private static (IOperation Value, string Target)? Sink(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when IsChatOptionsTools(property.Property):
                return (assignment.Value, "ChatOptions.Tools");

            case IInvocationOperation { Instance: IPropertyReferenceOperation property } invocation
                when IsChatOptionsTools(property.Property) && invocation.TargetMethod.Name is "Add" or "AddRange" or "Insert" && invocation.Arguments.Length > 0:
                return (invocation.Arguments[invocation.Arguments.Length - 1].Value, "ChatOptions.Tools");

            case IArgumentOperation { Parameter: { } parameter } argument:
                var method = parameter.ContainingSymbol as IMethodSymbol;
                var ns = method?.ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                if (parameter.Name == "tools" && (ns.StartsWith("Microsoft.Agents.AI", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal)))
                {
                    return (argument.Value, (method!.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name) + " tools");
                }

                if (parameter.Name == "functions" && ns.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal)
                    && method!.Name is "AddFromFunctions" or "CreateFromFunctions" or "ImportPluginFromFunctions")
                {
                    return (argument.Value, "a Semantic Kernel plugin");
                }

                return null;

            default:
                return null;
        }
    }

    private static bool IsChatOptionsTools(IPropertySymbol property) =>
        property.Name == "Tools" && IsOrDerivesFrom(property.ContainingType, ChatOptionsType);

    private static bool IsOrDerivesFrom(INamedTypeSymbol? type, string metadataName)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (FullName(t) == metadataName)
            {
                return true;
            }
        }

        return false;
    }

    private static string FullName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

    // The listing that returns McpClientTools (AIFunctions); the overload taking ListToolsRequestParams returns protocol
    // Tool records, which cannot be handed to a model as they are.
    internal static bool IsListTools(IMethodSymbol method) =>
        method.Name == "ListToolsAsync" && method.ContainingType?.ContainingNamespace?.ToDisplayString() == McpClientNamespace
        && method.ReturnType.ToDisplayString().IndexOf("McpClientTool", StringComparison.Ordinal) >= 0;

    private static bool IsPinCheck(IMethodSymbol method) =>
        method.ContainingType is { } type && FullName(type) == PinningType;

    private static readonly char[] s_whitespace = { '\r', '\n', ' ', '\t' };

    private static string Shorten(string text)
    {
        var oneLine = string.Join(" ", text.Split(s_whitespace, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 60 ? oneLine : oneLine.Substring(0, 57) + "...";
    }

    /// <summary>Which values in one member body hold MCP client tools that did not pass the pin check.</summary>
    private sealed class Flow
    {
        private readonly Dictionary<ISymbol, IOperation> _tainted = new(SymbolEqualityComparer.Default);

        public void Propagate(List<IOperation> operations)
        {
            // Locals can be assigned after they are read in a loop: repeat until nothing new is learned (bounded).
            for (var pass = 0; pass < 8; pass++)
            {
                var changed = false;
                foreach (var operation in operations)
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                            changed |= Mark(declarator.Symbol, initializer.Value);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                            changed |= Mark(local.Local, assignment.Value);
                            break;
                        case IInvocationOperation { Instance: ILocalReferenceOperation receiver } invocation
                            when invocation.TargetMethod.Name is "Add" or "AddRange" or "Insert" or "InsertRange":
                            foreach (var argument in invocation.Arguments)
                            {
                                changed |= Mark(receiver.Local, argument.Value);
                            }

                            break;
                        case IForEachLoopOperation loop:
                            foreach (var local in loop.Locals)
                            {
                                changed |= Mark(local, loop.Collection);
                            }

                            break;
                        default:
                            break;
                    }
                }

                if (!changed)
                {
                    return;
                }
            }
        }

        private bool Mark(ISymbol symbol, IOperation value)
        {
            if (_tainted.ContainsKey(symbol) || SourceOf(value) is not { } source)
            {
                return false;
            }

            _tainted[symbol] = source;
            return true;
        }

        /// <summary>The ListToolsAsync call whose tools the value holds, or null.</summary>
        public IOperation? SourceOf(IOperation? value, int depth = 0)
        {
            if (value is null || depth > 32)
            {
                return null;
            }

            switch (value)
            {
                case IInvocationOperation invocation:
                    if (IsListTools(invocation.TargetMethod))
                    {
                        return invocation;
                    }

                    if (IsPinCheck(invocation.TargetMethod))
                    {
                        return null;
                    }

                    if (SourceOf(invocation.Instance, depth + 1) is { } fromInstance)
                    {
                        return fromInstance;
                    }

                    // Extension methods (LINQ: Select, Cast, ToList, Concat, AsKernelFunction ...) carry their source along.
                    if (invocation.TargetMethod.IsExtensionMethod)
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            if (SourceOf(argument.Value, depth + 1) is { } fromArgument)
                            {
                                return fromArgument;
                            }
                        }
                    }

                    return null;
                case IAwaitOperation awaited:
                    return SourceOf(awaited.Operation, depth + 1);
                case IConversionOperation conversion:
                    return SourceOf(conversion.Operand, depth + 1);
                case ILocalReferenceOperation local:
                    return _tainted.TryGetValue(local.Local, out var source) ? source : null;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    return SourceOf(indexer.Instance, depth + 1);
                case IArrayElementReferenceOperation element:
                    return SourceOf(element.ArrayReference, depth + 1);
                case IConditionalOperation conditional:
                    return SourceOf(conditional.WhenTrue, depth + 1) ?? SourceOf(conditional.WhenFalse, depth + 1);
                case ICoalesceOperation coalesce:
                    return SourceOf(coalesce.Value, depth + 1) ?? SourceOf(coalesce.WhenNull, depth + 1);
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (SourceOf(argument.Value, depth + 1) is { } fromArgument)
                        {
                            return fromArgument;
                        }
                    }

                    return creation.Initializer is { } initializer ? FirstSource(initializer.Initializers, depth) : null;
                case IArrayCreationOperation array:
                    return array.Initializer is { } elements ? FirstSource(elements.ElementValues, depth) : null;
                case IArrayInitializerOperation arrayInitializer:
                    return FirstSource(arrayInitializer.ElementValues, depth);
                case IArgumentOperation argument:
                    return SourceOf(argument.Value, depth + 1);
                default:
                    // Collection expressions ([.. tools, other]) and spreads: kinds Roslyn 4.8 has no interface for.
                    return value.Kind.ToString() is "CollectionExpression" or "Spread" || value.Kind == OperationKind.None
                        ? FirstSource(value.ChildOperations.ToImmutableArray(), depth)
                        : null;
            }
        }

        private IOperation? FirstSource(ImmutableArray<IOperation> values, int depth)
        {
            foreach (var value in values)
            {
                var element = value is IInvocationOperation { Instance: IInstanceReferenceOperation } add && add.Arguments.Length > 0
                    ? add.Arguments[add.Arguments.Length - 1].Value // collection initializer: { tool } is list.Add(tool)
                    : value;
                if (SourceOf(element, depth + 1) is { } source)
                {
                    return source;
                }
            }

            return null;
        }
    }
}
