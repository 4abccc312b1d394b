using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// Calls of the app's members that put a parameter into a prompt are bound only when they pass a number of arguments
/// one of those members takes (PromptSiteRecognizer's forwarder names carry their declarations' arity). Calls that can
/// reach a forwarding member — through optional parameters, <c>params</c>, an extension method's receiver, a
/// constructor — are still prompt sites; same-named members taking other arguments are not.
/// </summary>
public class PromptForwardingArityTests
{
    [Fact]
    public async Task Calls_a_forwarding_member_can_take_are_sites_and_other_overloads_are_not()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Sources =
            {
                """
                using System.Collections.Generic;

                public sealed record Message(string Role, string Content);

                public sealed class Agent
                {
                    private readonly List<Message> _messages = new();

                    public Agent(string roleDescription, string model = "llama3")
                    {
                        _messages.Add(new Message("system", roleDescription));
                    }

                    public Agent(int id)
                    {
                    }

                    public void Instruct(string instructions, params string[] tags) => _messages.Add(new Message("system", instructions));

                    public void Instruct(int level, string note, bool loud, bool twice) => _messages.Add(new Message("user", note));
                }

                public static class AgentExtensions
                {
                    public static List<Message> Seed(this List<Message> messages, string system)
                    {
                        messages.Add(new Message("system", system));
                        return messages;
                    }
                }
                """,
                """
                using System.Collections.Generic;

                public static class Program
                {
                    public static void Run(List<Message> history)
                    {
                        var first = new Agent([|"You are a patient Spanish teacher."|]);
                        var second = new Agent([|"You are a strict Spanish teacher."|], "llama3");
                        var third = new Agent(42);
                        first.Instruct([|"Answer in Spanish only."|]);
                        first.Instruct([|"Answer briefly."|], "short", "polite");
                        first.Instruct(1, "Nothing to see.", true, false);
                        history.Seed([|"You are a translator."|]);
                        AgentExtensions.Seed(history, [|"You are a summariser."|]);
                    }
                }
                """,
            },
            ExpectedMessages =
            {
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }
}
