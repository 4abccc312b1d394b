using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0002 on a <c>while</c>, <c>do</c> or <c>for</c> agent loop: introduces a named constant and ends the loop when it
/// is reached, either with an <c>AgentStepLimit</c> (<c>while (steps.TryNext())</c>) or with a counter and a guard
/// (<c>if (++iteration &gt; MaxIterations) break;</c>). The limit is <c>agentrules.default_max_iterations</c> (10).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0002AgentLoopWithoutIterationCapCodeFix)), Shared]
public sealed class AGR0002AgentLoopWithoutIterationCapCodeFix : CodeFixProvider
{
    public const string StepLimitKey = "AgentRules.AddIterationCap.StepLimit";
    public const string CounterKey = "AgentRules.AddIterationCap.Counter";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AgentLoopWithoutIterationCap);

    // Fixes in one document are applied one after another (last loop first), so names stay unique across loops.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != DiagnosticIds.AgentLoopWithoutIterationCap || FindLoop(root, diagnostic) is not { } loop || !CanInsertBefore(loop))
            {
                continue;
            }

            var limit = CodeFixNames.GetDefaultMaxIterations(context.Document, root.SyntaxTree);
            if (new KnownTypes(model.Compilation).Get(AgentLoopApis.AgentStepLimit) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Cap the loop with an AgentStepLimit of {CodeFixNames.Format(limit)} steps", ct => FixAsync(context.Document, r => FindLoop(r, diagnostic), useStepLimit: true, ct), StepLimitKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Cap the loop at {CodeFixNames.Format(limit)} iterations", ct => FixAsync(context.Document, r => FindLoop(r, diagnostic), useStepLimit: false, ct), CounterKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Mark every loop first, then fix them top to bottom in the changing document.
        var marks = new List<SyntaxAnnotation>();
        var loops = new Dictionary<SyntaxNode, SyntaxAnnotation>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (FindLoop(root, diagnostic) is { } loop && !loops.ContainsKey(loop))
            {
                var mark = new SyntaxAnnotation();
                loops.Add(loop, mark);
                marks.Add(mark);
            }
        }

        document = document.WithSyntaxRoot(root.ReplaceNodes(loops.Keys, (original, _) => original.WithAdditionalAnnotations(loops[original])));
        // No key (dotnet format seeds Fix All with the analyzer's first diagnostic, which may be another rule's): the
        // action offered first, the step limit where the runtime has it.
        var useStepLimit = context.CodeActionEquivalenceKey == StepLimitKey
            || (context.CodeActionEquivalenceKey is null
                && await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is { } model
                && new KnownTypes(model.Compilation).Get(AgentLoopApis.AgentStepLimit) is not null);
        foreach (var mark in marks)
        {
            document = await FixAsync(document, r => r.GetAnnotatedNodes(mark).OfType<StatementSyntax>().FirstOrDefault(), useStepLimit, context.CancellationToken).ConfigureAwait(false);
        }

        return document;
    }

    private static StatementSyntax? FindLoop(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return token.Parent switch
        {
            WhileStatementSyntax w when w.WhileKeyword.Span == diagnostic.Location.SourceSpan => w,
            DoStatementSyntax d when d.DoKeyword.Span == diagnostic.Location.SourceSpan => d,
            ForStatementSyntax f when f.ForKeyword.Span == diagnostic.Location.SourceSpan => f,
            _ => null,
        };
    }

    private static bool CanInsertBefore(StatementSyntax loop) => loop.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax;

    private static async Task<Document> FixAsync(Document document, Func<SyntaxNode, StatementSyntax?> findLoop, bool useStepLimit, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || findLoop(root) is not { } loop || !CanInsertBefore(loop))
        {
            return document;
        }

        var limit = CodeFixNames.GetDefaultMaxIterations(document, root.SyntaxTree);
        var scope = (SyntaxNode?)loop.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? loop.Parent!;
        var stepLimitType = useStepLimit ? new KnownTypes(model.Compilation).Get(AgentLoopApis.AgentStepLimit) : null;
        var constantName = CodeFixNames.Unique(model, loop.SpanStart, scope, stepLimitType is null ? "MaxIterations" : "MaxSteps");
        var counterName = CodeFixNames.Unique(model, loop.SpanStart, scope, stepLimitType is null ? "iteration" : "steps");

        var constant = LocalDeclarationStatement(
                VariableDeclaration(PredefinedType(Token(SyntaxKind.IntKeyword)))
                    .AddVariables(VariableDeclarator(constantName).WithInitializer(EqualsValueClause(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(limit))))))
            .AddModifiers(Token(SyntaxKind.ConstKeyword));

        ExpressionSyntax counterInitializer = stepLimitType is null
            ? LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0))
            : ObjectCreationExpression(((TypeSyntax)SyntaxGenerator.GetGenerator(document).TypeExpression(stepLimitType)).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation))
                .AddArgumentListArguments(Argument(IdentifierName(constantName)));
        var counter = LocalDeclarationStatement(
            VariableDeclaration(IdentifierName("var")).AddVariables(VariableDeclarator(counterName).WithInitializer(EqualsValueClause(counterInitializer))));

        var newLoop = stepLimitType is null ? AddCounterGuard(loop, counterName, constantName) : AddStepLimit(loop, counterName);

        // A loop that could only be left by return, throw or yield break can now also end by running out of steps.
        // The code after it was unreachable: a value-returning method would no longer compile (CS0161), and any other
        // would carry on as if the loop had finished its work. Running out of steps is an error, so say it.
        var limitReached = EndPointIsReachable(model, loop) ? null : LimitReached(document, model.Compilation, constantName, stepLimitType is null);
        SyntaxNode newRoot;
        if (loop.Parent is GlobalStatementSyntax global && global.Parent is CompilationUnitSyntax unit)
        {
            // Top-level statements start at column 0: one statement a line, no formatter needed.
            var newLine = EndOfLine(root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n");
            var index = unit.Members.IndexOf(global);
            var members = unit.Members.Replace(global, global.WithStatement(newLoop.WithoutLeadingTrivia()));
            if (limitReached is not null)
            {
                members = members.Insert(index + 1, GlobalStatement(limitReached.NormalizeWhitespace().WithLeadingTrivia(newLine).WithTrailingTrivia(newLine)));
            }

            members = members
                .InsertRange(index, new MemberDeclarationSyntax[]
                {
                    GlobalStatement(constant.NormalizeWhitespace().WithLeadingTrivia(loop.GetLeadingTrivia()).WithTrailingTrivia(newLine)),
                    GlobalStatement(counter.NormalizeWhitespace().WithTrailingTrivia(newLine)),
                });
            newRoot = root.ReplaceNode(unit, unit.WithMembers(members));
        }
        else
        {
            var inserted = new StatementSyntax[] { constant.WithLeadingTrivia(loop.GetLeadingTrivia()), counter }
                .Select(s => s.WithAdditionalAnnotations(Formatter.Annotation))
                .ToArray();
            newRoot = root.TrackNodes(loop);
            var tracked = newRoot.GetCurrentNode(loop)!;
            newRoot = newRoot.InsertNodesBefore(tracked, inserted);
            tracked = newRoot.GetCurrentNode(loop)!;
            if (limitReached is not null)
            {
                var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n";
                newRoot = newRoot.InsertNodesAfter(tracked, new[] { limitReached.WithLeadingTrivia(EndOfLine(newLine)).WithAdditionalAnnotations(Formatter.Annotation) });
                tracked = newRoot.GetCurrentNode(loop)!;
            }

            newRoot = newRoot.ReplaceNode(tracked, newLoop.WithoutLeadingTrivia().WithLeadingTrivia(ElasticMarker));
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static bool EndPointIsReachable(SemanticModel model, StatementSyntax loop)
    {
        try
        {
            var flow = model.AnalyzeControlFlow(loop);
            return flow is null || !flow.Succeeded || flow.EndPointIsReachable;
        }
        catch (ArgumentException)
        {
            return true; // not a statement flow analysis understands: change nothing after the loop
        }
    }

    /// <summary>
    /// <c>throw new AgentStepLimitExceededException(MaxSteps);</c> where the AgentRules runtime is referenced, else
    /// <c>throw new InvalidOperationException("The agent loop reached its limit of " + MaxIterations + " iterations.");</c>.
    /// </summary>
    private static ThrowStatementSyntax LimitReached(Document document, Compilation compilation, string constantName, bool counter)
    {
        var generator = SyntaxGenerator.GetGenerator(document);
        ExpressionSyntax creation;
        if (compilation.GetTypeByMetadataName(AgentLoopApis.AgentStepLimitExceededException) is { } exceeded)
        {
            creation = ObjectCreationExpression(((TypeSyntax)generator.TypeExpression(exceeded)).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation))
                .AddArgumentListArguments(Argument(IdentifierName(constantName)));
        }
        else
        {
            var invalidOperation = compilation.GetTypeByMetadataName("System.InvalidOperationException");
            var type = invalidOperation is null ? ParseTypeName("System.InvalidOperationException") : (TypeSyntax)generator.TypeExpression(invalidOperation);
            var message = BinaryExpression(
                SyntaxKind.AddExpression,
                BinaryExpression(
                    SyntaxKind.AddExpression,
                    LiteralExpression(SyntaxKind.StringLiteralExpression, Literal("The agent loop reached its limit of ")),
                    IdentifierName(constantName)),
                LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(counter ? " iterations." : " steps.")));
            creation = ObjectCreationExpression(type.WithAdditionalAnnotations(Simplifier.AddImportsAnnotation)).AddArgumentListArguments(Argument(message));
        }

        return ThrowStatement(creation);
    }

    /// <summary><c>while (true)</c> becomes <c>while (steps.TryNext())</c>, <c>while (c)</c> <c>while (c &amp;&amp; steps.TryNext())</c>; a <c>do</c> loop gets a guard.</summary>
    private static StatementSyntax AddStepLimit(StatementSyntax loop, string steps)
    {
        var tryNext = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(steps), IdentifierName("TryNext")));
        switch (loop)
        {
            case WhileStatementSyntax whileLoop:
                return whileLoop.WithCondition(Combine(whileLoop.Condition, tryNext));
            case ForStatementSyntax forLoop:
                return forLoop.WithCondition(Combine(forLoop.Condition, tryNext));
            case DoStatementSyntax doLoop:
                var guard = IfStatement(PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, tryNext), Block(BreakStatement()));
                return doLoop.WithStatement(PrependToBody(doLoop.Statement, guard));
            default:
                return loop;
        }
    }

    private static ExpressionSyntax Combine(ExpressionSyntax? condition, ExpressionSyntax tryNext)
    {
        if (condition is null || condition.IsKind(SyntaxKind.TrueLiteralExpression))
        {
            return tryNext.WithTriviaFrom(condition ?? (SyntaxNode)tryNext);
        }

        var left = condition.WithoutTrivia();
        if (left is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression } or ConditionalExpressionSyntax or AssignmentExpressionSyntax or LambdaExpressionSyntax)
        {
            left = ParenthesizedExpression(left);
        }

        return BinaryExpression(SyntaxKind.LogicalAndExpression, left, tryNext).WithTriviaFrom(condition);
    }

    /// <summary><c>if (++iteration &gt; MaxIterations) { break; }</c> as the first statement of the body.</summary>
    private static StatementSyntax AddCounterGuard(StatementSyntax loop, string counter, string constant)
    {
        var guard = IfStatement(
            BinaryExpression(
                SyntaxKind.GreaterThanExpression,
                PrefixUnaryExpression(SyntaxKind.PreIncrementExpression, IdentifierName(counter)),
                IdentifierName(constant)),
            Block(BreakStatement()));

        return loop switch
        {
            WhileStatementSyntax w => w.WithStatement(PrependToBody(w.Statement, guard)),
            DoStatementSyntax d => d.WithStatement(PrependToBody(d.Statement, guard)),
            ForStatementSyntax f => f.WithStatement(PrependToBody(f.Statement, guard)),
            _ => loop,
        };
    }

    private static BlockSyntax PrependToBody(StatementSyntax body, StatementSyntax guard)
    {
        guard = guard.WithAdditionalAnnotations(Formatter.Annotation);
        return body is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, guard))
            : Block(guard, body).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
