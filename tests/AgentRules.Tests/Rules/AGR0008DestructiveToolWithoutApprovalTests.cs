using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0008: destructive tools without a human-approval gate.</summary>
public class AGR0008DestructiveToolWithoutApprovalTests
{
    [Fact]
    public async Task Destructive_tools_without_RequiresApproval_are_reported()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using AgentRules;
                using Microsoft.SemanticKernel;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class AccountTools
                {
                    [McpServerTool(Name = "close_account", Destructive = true), Description("Closes an account.")]
                    public string [|CloseAccount|](string id) => id;

                    [McpServerTool(Name = "refund", Destructive = true), RequiresApproval]
                    public string Refund(string id) => id;

                    [McpServerTool(Name = "get_account", ReadOnly = true)]
                    public string GetAccount(string id) => id;

                    [McpServerTool(Name = "account_note")]
                    public string AccountNote(string id) => id;
                }

                [RequiresApproval]
                public sealed class BillingPlugin
                {
                    [KernelFunction("charge_card")]
                    public string ChargeCard(string id) => id;
                }

                public sealed class ShippingPlugin
                {
                    [KernelFunction("cancel_shipment"), Description("Cancels a shipment.")]
                    public string [|CancelShipment|](string id) => id;
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'close_account' runs without human approval (declared Destructive = true)",
                "Destructive tool 'cancel_shipment' runs without human approval (name starts with 'cancel')",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task AIFunctions_wrapped_in_ApprovalRequiredAIFunction_where_registered_are_gated()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.ComponentModel;
                using System.IO;
                using Microsoft.Extensions.AI;

                public static class HrTools
                {
                    [Description("Deletes all personal data of an employee.")]
                    public static void DeleteEmployeeData(string id) => File.Delete($"/hr/{id}.json");

                    [Description("Terminates an employee's contract.")]
                    public static string TerminateContract(string id) => id;

                    [Description("Sends a payslip by e-mail.")]
                    public static string [|SendPayslip|](string id) => id;

                    public static IList<AITool> Tools()
                    {
                        var terminate = AIFunctionFactory.Create(TerminateContract);
                        return
                        [
                            new ApprovalRequiredAIFunction(AIFunctionFactory.Create(DeleteEmployeeData, "delete_employee_data")),
                            new ApprovalRequiredAIFunction(terminate),
                            AIFunctionFactory.Create(SendPayslip),
                            new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string path) => File.Delete(path), "delete_file")),
                            AIFunctionFactory.Create([|(string path) =>|] File.WriteAllText(path, ""), "truncate_file"),
                        ];
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'SendPayslip' runs without human approval (name starts with 'Send')",
                "Destructive tool 'truncate_file' runs without human approval (calls File.WriteAllText)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Untraceable_approval_wrappers_and_kernel_filters_keep_the_rule_silent()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using OpenAI.Chat;

                public static class Tools
                {
                    public static string DeleteBackup(string id) => id;

                    public static IList<AITool> Gated() =>
                        new List<AIFunction> { AIFunctionFactory.Create(DeleteBackup) }.Select(f => (AITool)new ApprovalRequiredAIFunction(f)).ToList();

                    public static ChatCompletionOptions OpenAI() => new() { Tools = { ChatTool.CreateFunctionTool("delete_user", "Deletes a user.") } };
                }

                public sealed class OpsPlugin
                {
                    [KernelFunction("restart_service")]
                    public string RestartService(string name) => name;
                }

                public sealed class ApprovalFilter : IAutoFunctionInvocationFilter
                {
                    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
                    {
                        Console.Write($"Run {context.Function.Name}? (y/n) ");
                        if (Console.ReadLine() != "y")
                        {
                            context.Terminate = true;
                            return;
                        }

                        await next(context);
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task A_kernel_filter_that_only_logs_and_passes_every_call_on_gates_nothing()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                using System;
                using System.IO;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;

                public sealed class FilesPlugin
                {
                    [KernelFunction("create_file")]
                    public void [|CreateFile|](string path, string content) => File.WriteAllText(path, content);
                }

                public sealed class LoggingFilter : IAutoFunctionInvocationFilter
                {
                    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
                    {
                        try
                        {
                            Console.WriteLine($"Function: {context.Function.Name} called");
                            if (context.Arguments != null)
                            {
                                Console.WriteLine($"- {context.Arguments.Count} arguments");
                            }

                            await next(context);
                        }
                        catch (Exception e)
                        {
                            Console.WriteLine("Error: " + e.Message);
                            throw;
                        }
                    }
                }
                """,
            ExpectedMessages = { "Destructive tool 'create_file' runs without human approval (calls File.WriteAllText)" },
        }.RunAsync();
    }
}
