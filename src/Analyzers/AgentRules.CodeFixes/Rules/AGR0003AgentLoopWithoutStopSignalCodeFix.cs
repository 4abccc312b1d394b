using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0003: passes a cancellation token to the loop's LLM call (or to the helper in the loop that makes it, when the
/// helper accepts one): the token in scope — a parameter, a local, a field, <c>cts.Token</c> — or
/// <c>KillSwitch.Global.Token</c>. An argument of <c>default</c> or <c>CancellationToken.None</c> is replaced.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0003AgentLoopWithoutStopSignalCodeFix)), Shared]
public sealed class AGR0003AgentLoopWithoutStopSignalCodeFix : CodeFixProvider
{
    public const string TokenInScopeKey = "AgentRules.PassCancellationToken.InScope";
    public const string KillSwitchKey = "AgentRules.PassCancellationToken.KillSwitch";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AgentLoopWithoutStopSignal);

    // Not the batch fixer: it keeps only actions whose key equals the one Fix All was started with, and dotnet format
    // starts it with the key of whatever its first diagnostic offered (the first diagnostic of the analyzer, often
    // AGR0002 on the same loop, which offers nothing here: no key, so no Fix All at all). This one needs no key: each
    // loop gets the token in scope, else KillSwitch.Global.Token (only the kill switch when that action was chosen),
    // all calls of a document in one edit.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var types = new KnownTypes(model.Compilation);
        var cancellationToken = types.Get(AgentLoopApis.CancellationToken);
        if (cancellationToken is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != DiagnosticIds.AgentLoopWithoutStopSignal
                || FindTarget(root, model, diagnostic, cancellationToken, context.CancellationToken) is not { } target)
            {
                continue;
            }

            if (FindTokenInScope(model, target.Invocation, types, context.CancellationToken) is { } token)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Pass '{token}' to '{target.MethodName}'", ct => PassAsync(context.Document, target, ParseExpression(token), ct), TokenInScopeKey),
                    diagnostic);
            }

            if (types.Get(AgentLoopApis.KillSwitch) is { } killSwitch)
            {
                var killSwitchToken = KillSwitchToken(context.Document, killSwitch);
                context.RegisterCodeFix(
                    CodeAction.Create($"Pass 'KillSwitch.Global.Token' to '{target.MethodName}'", ct => PassAsync(context.Document, target, killSwitchToken, ct), KillSwitchKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var types = new KnownTypes(model.Compilation);
        if (types.Get(AgentLoopApis.CancellationToken) is not { } tokenType)
        {
            return document;
        }

        ExpressionSyntax? killSwitchToken = types.Get(AgentLoopApis.KillSwitch) is { } killSwitch ? KillSwitchToken(document, killSwitch) : null;
        var onlyKillSwitch = context.CodeActionEquivalenceKey == KillSwitchKey;

        // One edit per call: the argument replaced, or a named argument added to the list.
        var edits = new Dictionary<SyntaxNode, ExpressionSyntax>();
        var names = new Dictionary<SyntaxNode, string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == DiagnosticIds.AgentLoopWithoutStopSignal).OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (FindTarget(root, model, diagnostic, tokenType, cancellationToken) is not { } target)
            {
                continue;
            }

            var inScope = onlyKillSwitch ? null : FindTokenInScope(model, target.Invocation, types, cancellationToken);
            var token = inScope is not null ? ParseExpression(inScope) : killSwitchToken;
            if (token is null)
            {
                continue;
            }

            if (target.Argument is { } argument)
            {
                edits[argument.Expression] = token;
            }
            else if (!edits.ContainsKey(target.Invocation.ArgumentList))
            {
                edits[target.Invocation.ArgumentList] = token;
                names[target.Invocation.ArgumentList] = target.ParameterName;
            }
        }

        if (edits.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(edits.Keys, (original, rewritten) => rewritten switch
        {
            ArgumentListSyntax list => list.AddArguments(Argument(edits[original]).WithNameColon(NameColon(IdentifierName(names[original])))),
            _ => edits[original].WithTriviaFrom(rewritten),
        });
        return document.WithSyntaxRoot(newRoot);
    }

    private static MemberAccessExpressionSyntax KillSwitchToken(Document document, INamedTypeSymbol killSwitch)
    {
        var type = ((ExpressionSyntax)SyntaxGenerator.GetGenerator(document).TypeExpression(killSwitch)).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);
        return MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, IdentifierName("Global")),
            IdentifierName("Token"));
    }

    private sealed record Target(InvocationExpressionSyntax Invocation, string ParameterName, ArgumentSyntax? Argument, string MethodName);

    /// <summary>The LLM call itself when the loop makes it, else the first call in the loop to a method of this project that takes a token but gets none.</summary>
    private static Target? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, INamedTypeSymbol cancellationToken, CancellationToken ct)
    {
        if (diagnostic.Properties.TryGetValue(AGR0003AgentLoopWithoutStopSignalAnalyzer.CallInLoopProperty, out var inLoop) && inLoop == "true"
            && diagnostic.AdditionalLocations.Count > 0 && diagnostic.AdditionalLocations[0].SourceTree == root.SyntaxTree
            && root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } call)
        {
            return GetTarget(model, call, cancellationToken, requireSource: false, ct);
        }

        var loopNode = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        var scope = loopNode?.FirstAncestorOrSelf<StatementSyntax>() is StatementSyntax statement && statement is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
            ? statement
            : loopNode?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } recursiveCall ? recursiveCall.FirstAncestorOrSelf<MemberDeclarationSyntax>() as SyntaxNode : null;
        if (scope is null)
        {
            return null;
        }

        foreach (var invocation in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (GetTarget(model, invocation, cancellationToken, requireSource: true, ct) is { } target)
            {
                return target;
            }
        }

        return null;
    }

    private static Target? GetTarget(SemanticModel model, InvocationExpressionSyntax invocation, INamedTypeSymbol cancellationToken, bool requireSource, CancellationToken ct)
    {
        if (model.GetOperationWithinLimits(invocation, ct) is not IInvocationOperation operation)
        {
            return null;
        }

        var method = operation.TargetMethod;
        if (requireSource && (method.DeclaringSyntaxReferences.Length == 0 || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, model.Compilation.Assembly)))
        {
            return null;
        }

        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter is not { } parameter || !SymbolEqualityComparer.Default.Equals(parameter.Type, cancellationToken))
            {
                continue;
            }

            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return new Target(invocation, parameter.Name, null, method.Name);
            }

            var value = AgentLoopContext.Unwrap(argument.Value);
            var dead = value is IDefaultValueOperation
                || (value is IPropertyReferenceOperation { Property.Name: "None" } none && SymbolEqualityComparer.Default.Equals(none.Property.ContainingType, cancellationToken))
                || (value is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, cancellationToken));
            return dead && argument.Syntax is ArgumentSyntax syntax ? new Target(invocation, parameter.Name, syntax, method.Name) : null;
        }

        return null;
    }

    /// <summary>A live token visible at the call: a token parameter or local first, then a token field or property, then a CancellationTokenSource's Token.</summary>
    private static string? FindTokenInScope(SemanticModel model, InvocationExpressionSyntax invocation, KnownTypes types, CancellationToken ct)
    {
        var tokenType = types.Get(AgentLoopApis.CancellationToken);
        var sourceType = types.Get(AgentLoopApis.CancellationTokenSource);
        var enclosing = model.GetEnclosingSymbol(invocation.SpanStart, ct);
        var isStatic = IsStaticContext(enclosing);
        string? field = null;
        string? source = null;
        foreach (var symbol in model.LookupSymbols(invocation.SpanStart))
        {
            var (type, rank) = symbol switch
            {
                IParameterSymbol p => (p.Type, 0),
                ILocalSymbol l when l.Locations.Length > 0 && l.Locations[0].SourceSpan.End <= invocation.SpanStart => (l.Type, 0),
                IFieldSymbol f when !isStatic || f.IsStatic => (f.Type, 1),
                IPropertySymbol p when (!isStatic || p.IsStatic) && p.GetMethod is not null => (p.Type, 1),
                _ => ((ITypeSymbol?)null, 9),
            };

            if (type is null)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(type, tokenType))
            {
                if (rank == 0)
                {
                    return symbol.Name;
                }

                field ??= symbol.Name;
            }
            else if (SymbolEqualityComparer.Default.Equals(type, sourceType))
            {
                source ??= symbol.Name + ".Token";
            }
        }

        return field ?? source;
    }

    private static bool IsStaticContext(ISymbol? symbol)
    {
        for (var current = symbol; current is not null and not INamedTypeSymbol; current = current.ContainingSymbol)
        {
            if (current is IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) } method)
            {
                return method.IsStatic;
            }

            if (current is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction, IsStatic: true })
            {
                return true;
            }
        }

        return symbol is null;
    }

    private static async Task<Document> PassAsync(Document document, Target target, ExpressionSyntax token, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        SyntaxNode newRoot;
        if (target.Argument is { } argument)
        {
            newRoot = root.ReplaceNode(argument.Expression, token.WithTriviaFrom(argument.Expression));
        }
        else
        {
            var named = Argument(token).WithNameColon(NameColon(IdentifierName(target.ParameterName)));
            newRoot = root.ReplaceNode(target.Invocation.ArgumentList, target.Invocation.ArgumentList.AddArguments(named));
        }

        return document.WithSyntaxRoot(newRoot);
    }
}
