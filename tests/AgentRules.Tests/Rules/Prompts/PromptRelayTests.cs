using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on members that hand text on to a forwarder. Prompts relayed through several of the app's members are not
/// followed (issue 17: the relay search read every file again on every keystroke); a member relaying only the user
/// message or logging the text makes no site. On the real Microsoft.Extensions.AI types.
/// </summary>
public class PromptRelayTests
{
    [Fact]
    public async Task A_member_that_relays_only_the_user_message_or_logs_the_text_makes_no_site()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class LlmClient(IChatClient client)
                {
                    public async Task<string> AskAsync(string question)
                    {
                        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, [|"You are terse."|]), new ChatMessage(ChatRole.User, question)]);
                        return response.Text;
                    }

                    public void Log(string note) => Console.WriteLine(Format(note));

                    private static string Format(string note) => $"[llm] {note}";
                }

                public sealed class Relay(LlmClient llm)
                {
                    public Task<string> ForwardAsync(string text) => llm.AskAsync(text);

                    public void Trace(string text) => llm.Log(text);

                    public async Task RunAsync()
                    {
                        await ForwardAsync("Summarize the release notes of version 2.");
                        Trace("You are a careful assistant that answers briefly.");
                    }
                }
                """,
            ExpectedMessages = { "Unversioned system message: a string literal is not a declared prompt" },
        }.RunAsync();
    }
}
