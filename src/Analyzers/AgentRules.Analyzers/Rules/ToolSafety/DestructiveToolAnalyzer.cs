using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.ToolSafety;

/// <summary>
/// AGR0001: a destructive tool without an environment scope. This first version recognises MCP tools declared
/// <c>[McpServerTool(Destructive = true)]</c>; the tool-safety rules extend it to every tool form and to inferred effects.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DestructiveToolAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DestructiveToolWithoutEnvironmentScope);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var types = new KnownTypes(context.Compilation);
        var mcpTool = types.Get(MetadataNames.McpServerToolAttribute);
        if (mcpTool is null)
        {
            return; // no MCP SDK: nothing to look at, nothing registered
        }

        var environmentScope = types.Get(MetadataNames.EnvironmentScopeAttribute);
        context.RegisterSymbolAction(c => AnalyzeMethod(c, mcpTool, environmentScope), SymbolKind.Method);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol mcpTool, INamedTypeSymbol? environmentScope)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.GetAttribute(mcpTool) is not { } tool || tool.GetNamedBoolean("Destructive") != true)
        {
            return;
        }

        if (method.GetAttributeFromSymbolTypeOrAssembly(environmentScope) is not null)
        {
            return;
        }

        var name = tool.GetNamedString("Name") ?? method.Name;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.DestructiveToolWithoutEnvironmentScope,
            method.Locations[0],
            name,
            "declared Destructive = true"));
    }
}
