using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Candidate selection: which files can hold a tool, and which declarations and calls in them are worth binding.
/// Everything here is syntax and names; the recognition proper (attributes, factories, effects) runs only on what
/// passes.
/// </summary>
/// <remarks>
/// A file can hold a tool when it spells a tool attribute (<c>McpServerTool</c>, <c>KernelFunction</c>,
/// <c>AgentTool</c>, <c>McpToolTrigger</c>, a configured attribute), a tool factory (<c>AIFunctionFactory</c>,
/// <c>McpServerTool.Create</c>, <c>CreateFromMethod</c>, <c>CreateFunctionFromMethod</c>, <c>CreateFunctionTool</c>)
/// or a global alias of one — checked with <see cref="SourceIndex"/>, one text scan per file — or declares a method
/// that a factory registers somewhere else. In such a file a method is a candidate when one of its attributes is
/// written with a tool attribute's name (or an alias), when it is partial (its attributes may be on the other part),
/// or when a factory registers a method of its name; a call is a candidate when it is named like a factory. Limits:
/// an attribute class derived from a configured one is recognised only in files that spell a configured name, and
/// <c>Create</c> called through a type derived from <c>McpServerTool</c> is not a registration site.
/// </remarks>
public sealed partial class ToolSafetyContext
{
    private static readonly string[] FactorySiteNames = { "AIFunctionFactory", "McpServerTool", "CreateFromMethod", "CreateFunctionFromMethod", "CreateFunctionTool" };

    /// <summary>
    /// Every word a file must spell for <see cref="MayContainTools"/> to keep it, whatever the compilation references,
    /// except configured attributes (<c>agentrules.tool_attributes</c>) and the global aliases of these names (declared
    /// with the name itself): the built-in attribute names, with and without <c>Attribute</c>, and the factories'.
    /// </summary>
    public static ImmutableArray<string> SpellingWords { get; } = ImmutableArray.Create(
        "AgentTool", "AgentToolAttribute", "McpServerTool", "McpServerToolAttribute", "KernelFunction", "KernelFunctionAttribute",
        "McpToolTrigger", "McpToolTriggerAttribute").AddRange(FactorySiteNames);

    /// <summary>The names a factory-site candidate is invoked by (<see cref="IsFactorySiteCandidate"/>).</summary>
    private static readonly string[] FactorySiteCallNames = { "CreateFromMethod", "CreateFunctionFromMethod", "CreateFunctionTool", "Create" };

    private static readonly ImmutableHashSet<string> FactoryReceiverNames = ImmutableHashSet.Create(StringComparer.Ordinal, "AIFunctionFactory", "McpServerTool");

    private readonly ConcurrentDictionary<SyntaxTree, TreeTools> _treeTools = new();
    private ImmutableHashSet<string>? _attributeNames;
    private ImmutableArray<string> _treeWords;
    private volatile SourceIndex.WordSet? _treeWordSet;

    /// <summary>
    /// The simple names tool attributes are written with (<c>McpServerTool</c> and <c>McpServerToolAttribute</c>, ...),
    /// for the attribute types the compilation has.
    /// </summary>
    internal ImmutableHashSet<string> AttributeNames => _attributeNames ??= CreateAttributeNames();

    /// <summary>
    /// True when <paramref name="tree"/> may hold a tool declaration or a tool registration: it spells a tool
    /// attribute, a tool factory or a global alias of one, or declares a method a factory registers. False means
    /// the file certainly holds none; true is confirmed by syntax and binding.
    /// </summary>
    public bool MayContainTools(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (SourceIndex.ContainsAny(tree, TreeWordSet(cancellationToken), cancellationToken))
        {
            return true;
        }

        return HasFactoryForms && HoldsRegisteredTool(tree, cancellationToken);
    }

    /// <summary>
    /// The tools whose diagnostics belong in <paramref name="model"/>'s tree: methods and classes declared there
    /// (<see cref="ToolTarget.Method"/>, <see cref="ToolTarget.Type"/>), and lambdas, local functions and OpenAI chat
    /// tools first registered there. This is what the tool-safety analyzers report on, one file at a time; files
    /// that <see cref="MayContainTools"/> rules out cost one lookup. Cached per tree.
    /// </summary>
    public ImmutableArray<ToolInfo> GetToolsReportedIn(SemanticModel model, CancellationToken cancellationToken)
    {
        var tree = model.SyntaxTree;
        if (!Compilation.ContainsSyntaxTree(tree) || !MayContainTools(tree, cancellationToken))
        {
            return ImmutableArray<ToolInfo>.Empty;
        }

        if (model.Compilation == Compilation)
        {
            _models.TryAdd(tree, model); // the caller's model: bodies bound for it need not be bound again
        }

        return _treeTools.GetOrAdd(tree, static _ => new TreeTools()).Get(() => FindToolsReportedIn(tree, cancellationToken));
    }

    /// <summary>
    /// The trees this context has used semantic models of so far: the files it bound something in. Files that
    /// <see cref="MayContainTools"/> rules out never appear here (a check that the cheap path is taken).
    /// </summary>
    public ImmutableArray<SyntaxTree> GetTreesWithSemanticModels() => ImmutableArray.CreateRange(_models.Keys);

    private ImmutableArray<ToolInfo> FindToolsReportedIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var model = GetSemanticModel(tree);
        var tools = ImmutableArray.CreateBuilder<ToolInfo>();
        var seen = new HashSet<ToolInfo>();
        foreach (var symbol in DeclaredCandidates(tree, model, cancellationToken))
        {
            if (GetTool(symbol, cancellationToken) is { Target: ToolTarget.Method or ToolTarget.Type } tool
                && tool.Location.SourceTree == tree && seen.Add(tool))
            {
                tools.Add(tool);
            }
        }

        if (HasFactoryForms)
        {
            // Only calls named like a factory or one of the app's registration helpers can be candidates: found where
            // the text spells those names (NamedCallSites), in the order a walk of every node would meet them.
            var receivers = SyntaxNames.AliasesOf(FactoryReceiverNames, tree, Compilation, cancellationToken);
            foreach (var node in NamedCallSites.Find(tree, FactorySiteCallNames.Concat(GetHelperCalls(cancellationToken).Names), null, cancellationToken))
            {
                if (node is InvocationExpressionSyntax invocation && (IsFactorySiteCandidate(invocation, receivers) || IsHelperCallCandidate(invocation, cancellationToken))
                    && model.GetOperationWithinLimits(invocation, cancellationToken) is IInvocationOperation operation
                    && GetRegisteredTool(operation, cancellationToken) is { } tool
                    && IsReportedAtRegistration(tool, operation) && seen.Add(tool))
                {
                    tools.Add(tool);
                }
            }
        }

        return tools.ToImmutable();
    }

    /// <summary>
    /// The methods and classes declared in a tree that may be tools: methods with an attribute written with a tool
    /// attribute's name (on the method or a parameter), partial methods, methods a factory registers by name, and
    /// (with configured attributes) classes with such an attribute.
    /// </summary>
    private IEnumerable<ISymbol> DeclaredCandidates(SyntaxTree tree, SemanticModel model, CancellationToken cancellationToken)
    {
        var attributeNames = HasAttributeForms ? SyntaxNames.AliasesOf(AttributeNames, tree, Compilation, cancellationToken) : null;
        var registered = HasFactoryForms ? GetRegistrationIndex(cancellationToken).RegisteredMethodNames : null;
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case MethodDeclarationSyntax method when IsMethodCandidate(method, attributeNames, registered):
                    if (model.GetDeclaredSymbol(method, cancellationToken) is { } symbol)
                    {
                        yield return symbol.PartialDefinitionPart ?? symbol;
                    }

                    break;

                case TypeDeclarationSyntax type when !ConfiguredAttributes.IsEmpty && attributeNames is not null
                    && (SyntaxNames.HasAttributeNamed(type.AttributeLists, attributeNames) || type.Modifiers.Any(SyntaxKind.PartialKeyword)):
                    if (model.GetDeclaredSymbol(type, cancellationToken) is { } typeSymbol)
                    {
                        yield return typeSymbol;
                    }

                    break;
            }
        }
    }

    private static bool IsMethodCandidate(MethodDeclarationSyntax method, ImmutableHashSet<string>? attributeNames, ImmutableHashSet<string>? registered)
    {
        if (registered is not null && registered.Contains(method.Identifier.ValueText))
        {
            return true;
        }

        if (attributeNames is null)
        {
            return false;
        }

        if (SyntaxNames.HasAttributeNamed(method.AttributeLists, attributeNames) || method.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return true;
        }

        foreach (var parameter in method.ParameterList.Parameters)
        {
            if (SyntaxNames.HasAttributeNamed(parameter.AttributeLists, attributeNames))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A call named like a tool factory: <c>CreateFromMethod</c>, <c>CreateFunctionFromMethod</c>, <c>CreateFunctionTool</c>, and <c>Create</c> on <c>AIFunctionFactory</c>/<c>McpServerTool</c> (or an alias, or unqualified).</summary>
    private static bool IsFactorySiteCandidate(InvocationExpressionSyntax invocation, ImmutableHashSet<string> receivers) =>
        SyntaxNames.InvokedName(invocation) switch
        {
            "CreateFromMethod" or "CreateFunctionFromMethod" or "CreateFunctionTool" => true,
            "Create" => invocation.Expression is SimpleNameSyntax || (SyntaxNames.ReceiverName(invocation) is { } receiver && receivers.Contains(receiver)),
            _ => false,
        };

    private ImmutableArray<string> TreeWords(CancellationToken cancellationToken)
    {
        if (!_treeWords.IsDefault)
        {
            return _treeWords;
        }

        lock (_treeTools)
        {
            var words = new HashSet<string>(StringComparer.Ordinal);
            if (HasAttributeForms)
            {
                words.UnionWith(AttributeNames);
            }

            if (HasFactoryForms)
            {
                words.UnionWith(FactorySiteNames);
            }

            if (_treeWords.IsDefault)
            {
                words.UnionWith(SyntaxNames.GlobalAliasesOf(Compilation, words, cancellationToken));
                var treeWords = ImmutableArray.CreateRange(words);
                _treeWordSet = SourceIndex.CreateWordSet(treeWords);
                _treeWords = treeWords;
            }

            return _treeWords;
        }
    }

    /// <summary><see cref="TreeWords"/> hashed once (every file is asked about them by each tool rule).</summary>
    private SourceIndex.WordSet TreeWordSet(CancellationToken cancellationToken)
    {
        if (_treeWordSet is { } set)
        {
            return set;
        }

        TreeWords(cancellationToken);
        lock (_treeTools)
        {
            return _treeWordSet!; // set under this lock together with the words
        }
    }

    private ImmutableHashSet<string> CreateAttributeNames()
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var type in new[] { AgentTool, McpTool, KernelFunction, McpToolTrigger })
        {
            if (type is not null)
            {
                AddAttributeName(names, type.Name);
            }
        }

        foreach (var configured in ConfiguredAttributes)
        {
            AddAttributeName(names, configured.Name);
        }

        return names.ToImmutable();

        static void AddAttributeName(ImmutableHashSet<string>.Builder names, string name)
        {
            names.Add(name);
            const string Suffix = "Attribute";
            if (name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                names.Add(name.Substring(0, name.Length - Suffix.Length));
            }
        }
    }

    /// <summary>The tools reported in one tree, computed once however many analyzers ask.</summary>
    private sealed class TreeTools
    {
        private readonly object _gate = new();
        private ImmutableArray<ToolInfo> _value;

        public ImmutableArray<ToolInfo> Get(Func<ImmutableArray<ToolInfo>> compute)
        {
            lock (_gate)
            {
                if (_value.IsDefault)
                {
                    _value = compute();
                }

                return _value;
            }
        }
    }
}
