using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Enforcement;
using AgentRules.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0016: registers the AgentRules guard where the framework's pipeline is built, in whichever file that is:
/// <c>.WithAgentRules()</c> at the end of an <c>AddMcpServer()</c> chain, <c>.AddAgentRules()</c> at the end of a
/// <c>Kernel.CreateBuilder()</c>/<c>AddKernel()</c> chain, and <c>UseAgentRules()</c> in place of a bare
/// <c>UseFunctionInvocation()</c> (it brings its own loop). Offered only where the companion package is referenced, so
/// the result compiles; nothing is offered where no pipeline is built in the project. One edit per project and
/// pipeline however many tools are reported, in Fix All too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0016ToolControlNotEnforcedCodeFix)), Shared]
public sealed class AGR0016ToolControlNotEnforcedCodeFix : CodeFixProvider
{
    /// <summary>Equivalence key prefix; the pipeline's name follows.</summary>
    public const string EquivalenceKeyPrefix = "AgentRules.AddGuardRegistration.";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ToolControlNotEnforced);

    public override FixAllProvider GetFixAllProvider() => new OncePerPipeline();

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (PipelineOf(diagnostic) is not { } pipeline)
            {
                continue;
            }

            var site = await FindSiteAsync(context.Document.Project, pipeline, context.CancellationToken).ConfigureAwait(false);
            if (site is null)
            {
                continue;
            }

            var key = EquivalenceKeyPrefix + pipeline;
            context.RegisterCodeFix(
                CodeAction.Create(site.Value.Title, ct => ApplyAsync(context.Document.Project.Solution, context.Document.Project.Id, pipeline, ct), key),
                diagnostic);
        }
    }

    private static GuardedPipelines? PipelineOf(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(AGR0016ToolControlNotEnforcedAnalyzer.PipelineProperty, out var value)
        && Enum.TryParse<GuardedPipelines>(value, out var pipeline) && pipeline != GuardedPipelines.None
            ? pipeline
            : null;

    private static async Task<Solution> ApplyAsync(Solution solution, ProjectId projectId, GuardedPipelines pipeline, CancellationToken cancellationToken)
    {
        var project = solution.GetProject(projectId);
        if (project is null || await FindSiteAsync(project, pipeline, cancellationToken).ConfigureAwait(false) is not { } site)
        {
            return solution;
        }

        var root = await site.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? solution : solution.WithDocumentSyntaxRoot(site.Document.Id, root.ReplaceNode(site.Target, site.Replacement));
    }

    private readonly record struct Site(Document Document, SyntaxNode Target, SyntaxNode Replacement, string Title);

    private static async Task<Site?> FindSiteAsync(Project project, GuardedPipelines pipeline, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var (companion, starts) = pipeline switch
        {
            GuardedPipelines.McpServer => ("Microsoft.Extensions.DependencyInjection.AgentRulesMcpServerBuilderExtensions", new[] { "AddMcpServer" }),
            GuardedPipelines.SemanticKernel => ("Microsoft.SemanticKernel.AgentRulesKernelExtensions", new[] { "CreateBuilder", "AddKernel" }),
            GuardedPipelines.ChatClient => ("Microsoft.Extensions.AI.AgentRulesChatClientBuilderExtensions", new[] { "UseFunctionInvocation" }),
            _ => (null, Array.Empty<string>()),
        };
        if (compilation is null || companion is null || compilation.GetTypeByMetadataName(companion) is null)
        {
            return null; // without the companion package the registration would not compile
        }

        foreach (var document in project.Documents.OrderBy(d => d.FilePath ?? d.Name, StringComparer.Ordinal))
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                || !starts.Any(name => root.ToFullString().IndexOf(name, StringComparison.Ordinal) >= 0))
            {
                continue;
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                continue;
            }

            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (NameOf(invocation) is not { } name || Array.IndexOf(starts, name.Identifier.ValueText) < 0)
                {
                    continue;
                }

                if (Edit(pipeline, invocation, name, model, cancellationToken) is { } edit)
                {
                    return new Site(document, edit.Target, edit.Replacement, edit.Title);
                }
            }
        }

        return null;
    }

    private static (SyntaxNode Target, SyntaxNode Replacement, string Title)? Edit(
        GuardedPipelines pipeline, InvocationExpressionSyntax invocation, SimpleNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        var type = (method.ReducedFrom ?? method).ContainingType?.ToDisplayString();
        switch (pipeline)
        {
            case GuardedPipelines.McpServer when type == "Microsoft.Extensions.DependencyInjection.McpServerServiceCollectionExtensions":
                return Append(invocation, model, "IMcpServerBuilder", "WithAgentRules", cancellationToken);

            case GuardedPipelines.SemanticKernel when type is "Microsoft.SemanticKernel.Kernel" or "Microsoft.Extensions.DependencyInjection.KernelServiceCollectionExtensions":
                return Append(invocation, model, "IKernelBuilder", "AddAgentRules", cancellationToken);

            case GuardedPipelines.ChatClient when type == "Microsoft.Extensions.AI.FunctionInvokingChatClientBuilderExtensions"
                && invocation.ArgumentList.Arguments.Count == 0:
                // UseAgentRules() brings its own function-invocation loop: it replaces a bare UseFunctionInvocation().
                var replacement = invocation.ReplaceNode(name, SyntaxFactory.IdentifierName("UseAgentRules").WithTriviaFrom(name));
                return (invocation, replacement, "Use UseAgentRules() instead of UseFunctionInvocation()");

            default:
                return null;
        }
    }

    // The end of the builder chain that starts at `start` (services.AddMcpServer().WithHttpTransport().WithTools<T>()),
    // as long as each call still returns the builder, then `.Method()` after it.
    private static (SyntaxNode, SyntaxNode, string)? Append(InvocationExpressionSyntax start, SemanticModel model, string builderInterface, string method, CancellationToken cancellationToken)
    {
        if (!Returns(start, builderInterface, model, cancellationToken))
        {
            return null;
        }

        ExpressionSyntax top = start;
        while (top.Parent is MemberAccessExpressionSyntax access && access.Expression == top
            && access.Parent is InvocationExpressionSyntax outer && Returns(outer, builderInterface, model, cancellationToken))
        {
            top = outer;
        }

        var appended = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, top.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName(method)))
            .WithTrailingTrivia(top.GetTrailingTrivia());
        return (top, appended, $"Add .{method}() to enforce the declared controls");
    }

    private static bool Returns(ExpressionSyntax expression, string builderInterface, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetTypeInfo(expression, cancellationToken).Type is { } type
        && (type.Name == builderInterface || type.AllInterfaces.Any(i => i.Name == builderInterface));

    private static SimpleNameSyntax? NameOf(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };

    /// <summary>Fix All: one registration per project and pipeline, however many tools the scope reports.</summary>
    private sealed class OncePerPipeline : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var projects = fixAllContext.Scope == FixAllScope.Solution
                ? fixAllContext.Solution.Projects.ToList()
                : new List<Project> { fixAllContext.Project };
            var work = new List<(ProjectId Project, GuardedPipelines Pipeline)>();
            foreach (var project in projects)
            {
                var diagnostics = fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document is { } document
                    ? await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)
                    : await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                foreach (var pipeline in diagnostics.Select(PipelineOf).OfType<GuardedPipelines>().Distinct())
                {
                    if (fixAllContext.CodeActionEquivalenceKey == EquivalenceKeyPrefix + pipeline)
                    {
                        work.Add((project.Id, pipeline));
                    }
                }
            }

            if (work.Count == 0)
            {
                return null;
            }

            return CodeAction.Create(
                "Register the AgentRules guards",
                async ct =>
                {
                    var solution = fixAllContext.Solution;
                    foreach (var (project, pipeline) in work)
                    {
                        solution = await ApplyAsync(solution, project, pipeline, ct).ConfigureAwait(false);
                    }

                    return solution;
                },
                fixAllContext.CodeActionEquivalenceKey);
        }
    }
}
