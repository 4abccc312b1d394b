using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// Which calls spelling a method's own name are bound to look for recursion (AgentLoopCatalog.MayCallItself): every
/// call that can be the method calling itself — unqualified, through <c>this</c>/<c>base</c>, through the type in a
/// static method, on an extension method's receiver, with optional parameters or <c>params</c> — is still found, and
/// calls that cannot be (another object's same-named method, an overload taking other arguments) are not reported.
/// </summary>
public class AgentLoopRecursionCandidateTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new AgentLoopRulesTest { Source = source };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    [Fact]
    public async Task Recursion_through_this_base_the_type_optional_parameters_and_params_is_still_found()
    {
        await VerifyAsync(
            Usings + """
            public class Solver(IChatClient chatClient)
            {
                public virtual async Task<string> ThisAsync(string task, CancellationToken cancellationToken)
                {
                    var answer = (await chatClient.GetResponseAsync(task, cancellationToken: cancellationToken)).Text;
                    return answer.Length > 0 ? answer : await this.{|AGR0002:ThisAsync|}(answer, cancellationToken);
                }

                public async Task<string> OptionalAsync(string task, CancellationToken cancellationToken, int attempt = 0)
                {
                    var answer = (await chatClient.GetResponseAsync(task, cancellationToken: cancellationToken)).Text;
                    return answer.Length > 0 ? answer : await {|AGR0002:OptionalAsync|}(answer, cancellationToken);
                }

                public async Task<string> ParamsAsync(CancellationToken cancellationToken, params string[] parts)
                {
                    var answer = (await chatClient.GetResponseAsync(string.Join(" ", parts), cancellationToken: cancellationToken)).Text;
                    return answer.Length > 0 ? answer : await {|AGR0002:ParamsAsync|}(cancellationToken, answer, "again");
                }

                public static async Task<string> StaticAsync(IChatClient client, string task, CancellationToken cancellationToken)
                {
                    var answer = (await client.GetResponseAsync(task, cancellationToken: cancellationToken)).Text;
                    return answer.Length > 0 ? answer : await Solver.{|AGR0002:StaticAsync|}(client, answer, cancellationToken);
                }
            }

            public static class ClientExtensions
            {
                public static async Task<string> SolveAsync(this IChatClient client, string task, CancellationToken cancellationToken)
                {
                    var answer = (await client.GetResponseAsync(task, cancellationToken: cancellationToken)).Text;
                    return answer.Length > 0 ? answer : await client.{|AGR0002:SolveAsync|}(answer, cancellationToken);
                }
            }
            """,
            "Recursive agent method 'ThisAsync' has no iteration cap: no depth parameter is checked against a limit",
            "Recursive agent method 'OptionalAsync' has no iteration cap: no depth parameter is checked against a limit",
            "Recursive agent method 'ParamsAsync' has no iteration cap: no depth parameter is checked against a limit",
            "Recursive agent method 'StaticAsync' has no iteration cap: no depth parameter is checked against a limit",
            "Recursive agent method 'SolveAsync' has no iteration cap: no depth parameter is checked against a limit");
    }

    [Fact]
    public async Task Another_objects_same_named_method_and_an_overload_with_other_arguments_are_not_recursion()
    {
        await VerifyAsync(
            Usings + """
            public sealed class Delegating(IChatClient chatClient, Delegating? inner)
            {
                public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
                {
                    var answer = (await chatClient.GetResponseAsync(question, cancellationToken: cancellationToken)).Text;
                    if (answer.Length > 0 || inner is null) return answer;
                    var second = await inner.AskAsync(answer, cancellationToken);
                    return second + await (inner?.AskAsync(answer, cancellationToken) ?? Task.FromResult(""));
                }

                public Task<string> AskAsync(string question) => AskAsync(question, CancellationToken.None);

                public async Task<string> LocalAsync(string question, CancellationToken cancellationToken)
                {
                    return await Ask(question);

                    async Task<string> Ask(string q) => (await chatClient.GetResponseAsync(q, cancellationToken: cancellationToken)).Text;
                }
            }
            """);
    }
}
