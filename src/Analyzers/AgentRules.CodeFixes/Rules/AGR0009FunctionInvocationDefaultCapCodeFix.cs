using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0009 where the knob exists: sets <c>MaximumIterationsPerRequest</c> explicitly — in the
/// <c>UseFunctionInvocation(configure: ...)</c> lambda (added, or extended) or in the
/// <c>new FunctionInvokingChatClient(...) { ... }</c> initializer, and for an Agent Framework Harness agent in the
/// <c>HarnessAgentOptions</c> created in its call (added as <c>options:</c> when there are none). The value is
/// <c>agentrules.default_max_iterations</c> (10). Semantic Kernel's limit has no knob, ChatClientAgents need their
/// client rebuilt, and harness options built elsewhere are not the call's to change: no fix is offered for those.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0009FunctionInvocationDefaultCapCodeFix)), Shared]
public sealed class AGR0009FunctionInvocationDefaultCapCodeFix : CodeFixProvider
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

        SemanticModel? model = null;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(AGR0009FunctionInvocationDefaultCapAnalyzer.SiteKindProperty, out var kind))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var limit = CodeFixNames.GetDefaultMaxIterations(context.Document, root.SyntaxTree);
            SyntaxNode? target = kind switch
            {
                nameof(FunctionInvocationSiteKind.UseFunctionInvocation) => node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation && CanConfigure(invocation) ? invocation : null,
                nameof(FunctionInvocationSiteKind.FunctionInvokingChatClient) => node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>(),
                nameof(FunctionInvocationSiteKind.HarnessAgent) => HarnessTarget(node, model ??= await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false), context.CancellationToken),
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

    /// <summary>
    /// Where a harness takes the setting: the <c>new HarnessAgentOptions { ... }</c> (or <c>new() { ... }</c>) written as
    /// its <c>options</c> argument, or the harness call itself when it passes no options (or <c>null</c>). Null for
    /// options from a local, a parameter or a method.
    /// </summary>
    private static SyntaxNode? HarnessTarget(SyntaxNode node, SemanticModel? model, CancellationToken cancellationToken)
    {
        var call = node.FirstAncestorOrSelf<SyntaxNode>(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax);
        if (call is null || model?.GetOperation(call, cancellationToken) is not { } operation)
        {
            return null;
        }

        var arguments = operation switch
        {
            Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation => invocation.Arguments,
            Microsoft.CodeAnalysis.Operations.IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<Microsoft.CodeAnalysis.Operations.IArgumentOperation>.Empty,
        };
        var options = arguments.FirstOrDefault(a => a.Parameter?.Name == "options");
        if (options is null)
        {
            return null;
        }

        if (options.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue)
        {
            return call; // no options: add them
        }

        if (options.Syntax is not ArgumentSyntax { Expression: var written })
        {
            return null;
        }

        while (written is ParenthesizedExpressionSyntax parenthesized)
        {
            written = parenthesized.Expression;
        }

        return (written is BaseObjectCreationExpressionSyntax || written.IsKind(SyntaxKind.NullLiteralExpression) || written.IsKind(SyntaxKind.DefaultLiteralExpression))
            ? written
            : null;
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
            case InvocationExpressionSyntax { Expression: var called } invocation when IsHarnessCall(called):
                replacement = invocation.WithArgumentList(invocation.ArgumentList.AddArguments(HarnessOptionsArgument(value)));
                break;
            case ObjectCreationExpressionSyntax { Type: var type, ArgumentList: { } list } harness when IsHarnessCall(type):
                replacement = harness.WithArgumentList(list.AddArguments(HarnessOptionsArgument(value)));
                break;
            case LiteralExpressionSyntax literal:
                replacement = HarnessOptions(value).WithTriviaFrom(literal);
                break;
            case InvocationExpressionSyntax invocation:
                replacement = Configure(invocation, value);
                break;
            case BaseObjectCreationExpressionSyntax creation:
                var assignment = AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(Property), value);
                // HarnessAgentOptions { MaximumIterationsPerRequest = null }: set the value there (a second one would not compile).
                var present = creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: Property });
                var initializer = present is not null
                    ? creation.Initializer!.ReplaceNode(present, present.WithRight(value.WithTriviaFrom(present.Right)))
                    : creation.Initializer is { } existing
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

    private static bool IsHarnessCall(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "AsHarnessAgent",
        SimpleNameSyntax name => name.Identifier.ValueText is "AsHarnessAgent" or "HarnessAgent",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "HarnessAgent",
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "HarnessAgent",
        _ => false,
    };

    private static ArgumentSyntax HarnessOptionsArgument(ExpressionSyntax value) =>
        Argument(HarnessOptions(value)).WithNameColon(NameColon(IdentifierName("options")));

    /// <summary><c>new HarnessAgentOptions { MaximumIterationsPerRequest = n }</c>, the type simplified to what the file's usings allow.</summary>
    private static ObjectCreationExpressionSyntax HarnessOptions(ExpressionSyntax value) =>
        ObjectCreationExpression(ParseTypeName("global::Microsoft.Agents.AI.HarnessAgentOptions").WithAdditionalAnnotations(Simplifier.Annotation))
            .WithArgumentList(null)
            .WithInitializer(InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SingletonSeparatedList<ExpressionSyntax>(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(Property), value))))
            .WithAdditionalAnnotations(Formatter.Annotation);

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
