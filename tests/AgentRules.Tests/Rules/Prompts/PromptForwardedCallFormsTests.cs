using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// In a file that spells no prompt API, the calls of members that put a parameter into a prompt are found from where
/// the text spells their names, not by walking every node (PromptSiteRecognizer.ForwarderNames.CallsIn). Every way of
/// writing such a call is still a site — unqualified, through a member access, a null-conditional access, a generic
/// method, a verbatim identifier, a qualified or <c>global::</c> type name, nested in another forwarded call, inside a
/// lambda — and the name spelled as a type, in a comment or in a string is not.
/// </summary>
public class PromptForwardedCallFormsTests
{
    private const string Forwarders = """
        using System.Collections.Generic;

        namespace Bots
        {
            public sealed record Message(string Role, string Content);

            public class Agent
            {
                protected readonly List<Message> Messages = new();

                public Agent(string roleDescription) => Messages.Add(new Message("system", roleDescription));

                public Agent Instruct(string instructions)
                {
                    Messages.Add(new Message("system", instructions));
                    return this;
                }

                public string Ask<T>(string systemText, T input)
                {
                    Messages.Add(new Message("system", systemText));
                    return input?.ToString() ?? string.Empty;
                }

                public static void Wrap(string persona, List<Message> history) => history.Add(new Message("system", persona));
            }
        }
        """;

    [Fact]
    public async Task Every_form_of_a_forwarded_call_in_a_file_without_prompt_words_is_a_site()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Sources =
            {
                Forwarders,
                """
                using System;
                using System.Collections.Generic;
                using static Bots.Agent;

                namespace App
                {
                    public sealed class Helper : Bots.Agent
                    {
                        public Helper(string role) : base(role) { }

                        public void Run(Bots.Agent? maybe, List<Bots.Message> history)
                        {
                            Instruct([|"Answer in French."|]);
                            this.Instruct([|"Answer briefly."|]);
                            maybe?.Instruct([|"Answer politely."|]);
                            Ask<int>([|"You count things."|], 3);
                            this.@Instruct([|"Answer in verse."|]);
                            var a = new Bots.Agent([|"You are a librarian."|]);
                            var b = new global::Bots.Agent([|"You are a chemist."|]);
                            var c = new Bots.Agent([|"You are a poet."|]).Instruct([|"Rhyme."|]);
                            Action later = () => Wrap([|"You are a judge."|], history);
                        }
                    }
                }
                """,
                """
                // Instruct, Ask and Wrap are spelled here only as a type, in this comment and in a string.
                namespace Other
                {
                    public sealed class Instruct
                    {
                        public string Ask => "Wrap(\"x\", history)";

                        public Instruct Copy() => new Instruct();
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
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }
}
