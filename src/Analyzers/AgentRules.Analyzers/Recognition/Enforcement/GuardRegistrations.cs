using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Recognition.Enforcement;

/// <summary>The frameworks whose tool pipeline an AgentRules companion package guards at run time.</summary>
[Flags]
public enum GuardedPipelines
{
    /// <summary>No guard registration found.</summary>
    None = 0,

    /// <summary>An MCP server with <c>WithAgentRules()</c> (AgentRules.ModelContextProtocol).</summary>
    McpServer = 1,

    /// <summary>A kernel with <c>AddAgentRules()</c>/<c>UseAgentRules()</c> (AgentRules.SemanticKernel).</summary>
    SemanticKernel = 2,

    /// <summary>A chat pipeline with <c>UseAgentRules()</c> (AgentRules.Extensions.AI).</summary>
    ChatClient = 4,

    /// <summary>An agent with <c>UseAgentRules()</c> (AgentRules.Agents.AI).</summary>
    Agent = 8,
}

/// <summary>One guard registration call in the compilation: the pipeline it guards, the method called, where.</summary>
public sealed class GuardRegistration
{
    public GuardRegistration(GuardedPipelines pipeline, string method, Location location)
    {
        Pipeline = pipeline;
        Method = method;
        Location = location;
    }

    public GuardedPipelines Pipeline { get; }

    /// <summary>The registration method's name: <c>WithAgentRules</c>, <c>AddAgentRules</c> or <c>UseAgentRules</c>.</summary>
    public string Method { get; }

    public Location Location { get; }
}

/// <summary>
/// The registrations of AgentRules' companion packages, by metadata name: the calls that make the declared controls
/// (<c>[EnvironmentScope]</c>, <c>[RequiresApproval]</c>, <c>[ToolBudget]</c>) and run budgets true at run time in
/// a framework's own pipeline. Names only; the analyzers that ask are AGR0016 and AGR0017, and the process spec's
/// "enforced by" column.
/// </summary>
public static class GuardRegistrations
{
    /// <summary>Method names worth binding: every registration is one of these.</summary>
    public static bool IsCandidateName(string name) =>
        name is "WithAgentRules" or "AddAgentRules" or "UseAgentRules";

    /// <summary>Which pipeline a bound registration call guards, or <see cref="GuardedPipelines.None"/>.</summary>
    public static GuardedPipelines Classify(IMethodSymbol method)
    {
        var original = method.ReducedFrom ?? method;
        var type = original.ContainingType;
        if (type is null)
        {
            return GuardedPipelines.None;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return (ns, type.Name, original.Name) switch
        {
            ("Microsoft.Extensions.DependencyInjection", "AgentRulesMcpServerBuilderExtensions", "WithAgentRules") => GuardedPipelines.McpServer,
            ("Microsoft.SemanticKernel", "AgentRulesKernelExtensions", "AddAgentRules" or "UseAgentRules") => GuardedPipelines.SemanticKernel,
            ("Microsoft.Extensions.AI", "AgentRulesChatClientBuilderExtensions", "UseAgentRules") => GuardedPipelines.ChatClient,
            ("Microsoft.Agents.AI", "AgentRulesAIAgentBuilderExtensions", "UseAgentRules") => GuardedPipelines.Agent,
            _ => GuardedPipelines.None,
        };
    }

    /// <summary>The registration an invocation makes, if it is one (cheap name check first, then one bind).</summary>
    public static GuardedPipelines Classify(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        if (name is null || !IsCandidateName(name))
        {
            return GuardedPipelines.None;
        }

        return model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method ? Classify(method) : GuardedPipelines.None;
    }

    private static readonly SourceIndex.WordSet s_words = SourceIndex.CreateWordSet(new[] { "WithAgentRules", "AddAgentRules", "UseAgentRules" });

    /// <summary>
    /// Every pipeline the compilation guards. Only files that spell a registration's name are bound; the caller computes
    /// it once per compilation, the first time a tool with a declared control asks.
    /// </summary>
    public static GuardedPipelines Scan(Compilation compilation, CancellationToken cancellationToken)
    {
        var guarded = GuardedPipelines.None;
        foreach (var registration in FindAll(compilation, cancellationToken))
        {
            guarded |= registration.Pipeline;
        }

        return guarded;
    }

    /// <summary>
    /// Every guard registration call in the compilation, in syntax-tree then source order. Only files that spell a
    /// registration's name are bound.
    /// </summary>
    public static ImmutableArray<GuardRegistration> FindAll(Compilation compilation, CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<GuardRegistration>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceIndex.ContainsAny(tree, s_words, cancellationToken))
            {
                continue;
            }

            // once per candidate file and compilation, shared by every tool that asks
            var model = SemanticModels.Create(compilation, tree);
            foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (Classify(invocation, model, cancellationToken) is var pipeline and not GuardedPipelines.None)
                {
                    // Classify matched the name, so one of these holds it.
                    SyntaxNode name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name,
                        MemberBindingExpressionSyntax binding => binding.Name,
                        _ => invocation.Expression,
                    };
                    found.Add(new GuardRegistration(pipeline, (name as SimpleNameSyntax)?.Identifier.ValueText ?? string.Empty, name.GetLocation()));
                }
            }
        }

        return found.ToImmutable();
    }

    /// <summary>
    /// The pipelines whose guard would enforce the declared controls of a tool of this form; null where AgentRules has
    /// no pipeline guard for the form (or needs none: <see cref="ToolForm.AgentTool"/> is enforced by its generated
    /// wrapper).
    /// </summary>
    public static GuardedPipelines? PipelinesFor(ToolForm form) => form switch
    {
        ToolForm.McpServerTool => GuardedPipelines.McpServer,
        ToolForm.KernelFunction or ToolForm.KernelFunctionFactory => GuardedPipelines.SemanticKernel,
        ToolForm.AIFunctionFactory => GuardedPipelines.ChatClient | GuardedPipelines.Agent | GuardedPipelines.McpServer,
        // OpenAI chat tools, the Azure Functions MCP extension and in-house tool attributes have no AgentRules pipeline
        // guard: AGR0016 stays silent rather than guess, and the spec says "not enforced".
        _ => null,
    };

    /// <summary>How the message tells a user to guard a pipeline.</summary>
    public static string HowToGuard(GuardedPipelines pipeline) => pipeline switch
    {
        GuardedPipelines.McpServer => "add .WithAgentRules() to the MCP server builder (package AgentRules.ModelContextProtocol)",
        GuardedPipelines.SemanticKernel => "add .AddAgentRules() to the kernel builder (package AgentRules.SemanticKernel)",
        _ => "add .UseAgentRules() to the chat client or agent builder (packages AgentRules.Extensions.AI, AgentRules.Agents.AI)",
    };
}
