using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>The recognition engine's public API, as the process-spec generator uses it: every tool of a compilation and its properties.</summary>
public class ToolSafetyContextTests
{
    private const string App = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.IO;
        using System.Threading;
        using AgentRules;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Extensions.Mcp;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Hosting;
        using Microsoft.SemanticKernel;
        using ModelContextProtocol.Server;
        using OpenAI.Chat;

        [McpServerToolType]
        public sealed class CustomerTools(IHostEnvironment environment)
        {
            [McpServerTool(Name = "get_customer", ReadOnly = true), Description("Looks up a customer.")]
            public string GetCustomer([Description("The customer id.")] int customerId, CancellationToken cancellationToken) => "";

            [McpServerTool(Destructive = true), Description("Deletes a customer.")]
            [EnvironmentScope("Development", "Staging")]
            [ToolBudget(MaxCalls = 3, Cost = 5)]
            public void DeleteCustomer(int customerId) { }

            [McpServerTool]
            public void ResetSandbox()
            {
                if (!environment.IsDevelopment()) return;
                File.Delete("sandbox.db");
            }
        }

        public sealed class BillingPlugin
        {
            [KernelFunction("refund_order"), Description("Refunds an order.")]
            [RequiresApproval]
            public string RefundOrder(string orderId, decimal amount = 0) => orderId;
        }

        public sealed class Functions
        {
            [Function(nameof(Hello))]
            public string Hello(
                [McpToolTrigger("hello", "Says hello.")] ToolInvocationContext context,
                [McpToolProperty("name", "Who to greet.", true)] string name) => name;
        }

        public static class Agent
        {
            [Description("Sends a message.")]
            public static string SendMessage(string to, string text) => to;

            public static IList<AITool> Tools() =>
            [
                new ApprovalRequiredAIFunction(AIFunctionFactory.Create(SendMessage, "send_message")),
                AIFunctionFactory.Create((string path) => File.ReadAllText(path), "read_file", "Reads a file."),
            ];

            public static ChatCompletionOptions OpenAI() => new() { Tools = { ChatTool.CreateFunctionTool("lookup_order", "Looks up an order.") } };
        }
        """;

    [Fact]
    public async Task GetAllTools_lists_every_tool_with_its_properties()
    {
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = App };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var context = ToolSafetyContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider)!;
        var tools = context.GetAllTools(default);

        Assert.Equal(
            new[] { "get_customer", "delete_customer", "reset_sandbox", "refund_order", "hello", "send_message", "read_file", "lookup_order" },
            tools.Select(t => t.Name));

        var get = tools.Single(t => t.Name == "get_customer");
        Assert.Equal((ToolForm.McpServerTool, ToolTarget.Method, "Looks up a customer."), (get.Form, get.Target, get.Description));
        Assert.Equal(ToolEffect.ReadOnly, get.Effect.Effect);
        Assert.Equal(EvidenceSource.Declaration, get.Effect.Deciding!.Source);
        var parameter = Assert.Single(get.Parameters); // the CancellationToken is the framework's
        Assert.Equal(new ToolParameter("customerId", "int", "The customer id.", false), parameter);

        var delete = tools.Single(t => t.Name == "delete_customer");
        Assert.Equal(ToolScopeKind.Declared, delete.Scope!.Kind);
        Assert.Equal(new[] { "Development", "Staging" }, delete.Scope.Environments);
        Assert.Equal(new ToolBudget(3, 5), delete.Budget);
        Assert.Null(delete.Approval);

        var reset = tools.Single(t => t.Name == "reset_sandbox");
        Assert.Equal(ToolEffect.Destructive, reset.Effect.Effect);
        Assert.Null(reset.Effect.Declaration);
        Assert.Equal("calls File.Delete", reset.Effect.Deciding!.Text);
        Assert.Equal((ToolScopeKind.EnvironmentCheck, "guarded by IHostEnvironment.IsDevelopment()"), (reset.Scope!.Kind, reset.Scope.Description));

        var refund = tools.Single(t => t.Name == "refund_order");
        Assert.Equal(ToolForm.KernelFunction, refund.Form);
        Assert.Equal(ToolApprovalKind.RequiresApprovalAttribute, refund.Approval!.Kind);
        Assert.True(refund.Parameters.Single(p => p.Name == "amount").IsOptional);

        var hello = tools.Single(t => t.Name == "hello");
        Assert.Equal((ToolForm.AzureFunctionsMcpTool, "Says hello."), (hello.Form, hello.Description));
        Assert.Equal(new ToolParameter("name", "string", "Who to greet.", false), Assert.Single(hello.Parameters));

        var send = tools.Single(t => t.Name == "send_message");
        Assert.Equal((ToolForm.AIFunctionFactory, ToolTarget.Method), (send.Form, send.Target));
        var registration = Assert.Single(send.Registrations);
        Assert.True(registration.WrappedInApproval);
        Assert.Equal(ToolApprovalKind.ApprovalRequiredAIFunction, send.Approval!.Kind);

        var read = tools.Single(t => t.Name == "read_file");
        Assert.Equal((ToolTarget.Lambda, "Reads a file.", ToolEffect.ReadOnly), (read.Target, read.Description, read.Effect.Effect));

        var lookup = tools.Single(t => t.Name == "lookup_order");
        Assert.Equal((ToolForm.OpenAIChatTool, ToolTarget.Registration), (lookup.Form, lookup.Target));
        Assert.Null(lookup.Symbol);
    }

    [Fact]
    public async Task The_shared_context_is_created_once_per_compilation_and_absent_without_tool_forms()
    {
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = App };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var options = project.AnalyzerOptions.AnalyzerConfigOptionsProvider;

        Assert.Same(ToolSafetyContext.GetOrCreate(compilation, options), ToolSafetyContext.GetOrCreate(compilation, options));

        var plain = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = "public class C { }", References = TestReferences.Net };
        var plainProject = plain.CreateProject(plain.Sources, plain.AdditionalFiles);
        Assert.Null(ToolSafetyContext.Create((await plainProject.GetCompilationAsync())!, null));
    }
}
