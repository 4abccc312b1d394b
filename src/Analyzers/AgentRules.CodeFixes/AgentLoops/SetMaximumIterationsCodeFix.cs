using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Rules.AgentLoops;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AgentRules.CodeFixes.AgentLoops;

/// <summary>
/// AGR0009 where the knob exists: sets <c>MaximumIterationsPerRequest</c> explicitly — in the
/// <c>UseFunctionInvocation(configure: ...)</c> lambda (added, or extended) or in the
/// <c>new FunctionInvokingChatClient(...) { ... }</c> initializer. The value is <c>agentrules.default_max_iterations</c> (10).
/// Semantic Kernel's limit has no knob, and agents need their client rebuilt: no fix is offered for those.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetMaximumIterationsCodeFix)), Shared]
public sealed class SetMaximumIterationsCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AgentRules.SetMaximumIterationsPerRequest";
    private const string Property = "MaximumIterationsPerRequest";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.FunctionInvocationDefaultCap);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FunctionInvocationCapAnalyzer.SiteKindProperty, out var kind))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var limit = CodeFixNames.GetDefaultMaxIterations(context.Document, root.SyntaxTree);
            SyntaxNode? target = kind switch
            {
                nameof(FunctionInvocationSiteKind.UseFunctionInvocation) => node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation && CanConfigure(invocation) ? invocation : null,
                nameof(FunctionInvocationSiteKind.FunctionInvokingChatClient) => node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>(),
                _ => null,
            };

            if (target is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Set MaximumIterationsPerRequest = {CodeFixNames.Format(limit)}", ct => FixAsync(context.Document, target, limit, ct), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>A <c>configure</c> argument that is missing, null, or a lambda can take the setting.</summary>
    private static bool CanConfigure(InvocationExpressionSyntax invocation) =>
        FindConfigure(invocation) is not { } configure
        || configure.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } or SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 };

    private static ArgumentSyntax? FindConfigure(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "configure");
        if (named is not null)
        {
            return named;
        }

        // UseFunctionInvocation(this builder, loggerFactory = null, configure = null): the second written argument.
        return arguments.Count >= 2 && arguments[1].NameColon is null ? arguments[1] : null;
    }

    private static async Task<Document> FixAsync(Document document, SyntaxNode target, int limit, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var value = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(limit));
        SyntaxNode replacement;
        switch (target)
        {
            case InvocationExpressionSyntax invocation:
                replacement = Configure(invocation, value);
                break;
            case BaseObjectCreationExpressionSyntax creation:
                var assignment = AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(Property), value);
                var initializer = creation.Initializer is { } existing
                    ? existing.AddExpressions(assignment)
                    : InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(assignment));
                replacement = creation.WithArgumentList(creation.ArgumentList?.WithoutTrailingTrivia())
                    .WithInitializer(initializer.WithAdditionalAnnotations(Formatter.Annotation))
                    .WithTrailingTrivia(creation.GetTrailingTrivia());
                break;
            default:
                return document;
        }

        return document.WithSyntaxRoot(root.ReplaceNode(target, replacement));
    }

    private static InvocationExpressionSyntax Configure(InvocationExpressionSyntax invocation, ExpressionSyntax value)
    {
        var configure = FindConfigure(invocation);
        var (parameterName, body) = configure?.Expression switch
        {
            SimpleLambdaExpressionSyntax simple => (simple.Parameter.Identifier.ValueText, (CSharpSyntaxNode)simple.Body),
            ParenthesizedLambdaExpressionSyntax parenthesized => (parenthesized.ParameterList.Parameters[0].Identifier.ValueText, parenthesized.Body),
            _ => ("c", null),
        };

        var set = AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(parameterName), IdentifierName(Property)),
            value);

        CSharpSyntaxNode newBody = body switch
        {
            null => set,
            BlockSyntax block => block.AddStatements(ExpressionStatement(set)),
            ExpressionSyntax expression => Block(
                Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(ElasticCarriageReturnLineFeed),
                List(new StatementSyntax[]
                {
                    ExpressionStatement(expression.WithoutTrivia()).WithTrailingTrivia(ElasticCarriageReturnLineFeed),
                    ExpressionStatement(set).WithTrailingTrivia(ElasticCarriageReturnLineFeed),
                }),
                Token(SyntaxKind.CloseBraceToken)),
            _ => set,
        };

        var lambda = configure?.Expression switch
        {
            SimpleLambdaExpressionSyntax simple => simple.WithBody(newBody),
            ParenthesizedLambdaExpressionSyntax parenthesized => (ExpressionSyntax)parenthesized.WithBody(newBody),
            _ => SimpleLambdaExpression(Parameter(Identifier(parameterName)), newBody),
        };
        lambda = lambda.WithAdditionalAnnotations(Formatter.Annotation);

        if (configure is not null)
        {
            return invocation.ReplaceNode(configure, configure.WithExpression(lambda.WithTriviaFrom(configure.Expression)));
        }

        var argument = Argument(lambda).WithNameColon(NameColon(IdentifierName("configure")));
        return invocation.WithArgumentList(invocation.ArgumentList.AddArguments(argument));
    }
}
