using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on prompts handed through several of the app's members before one puts them into a message (issue 18,
/// DevMind's <c>SendMessageAsync(combinedSystemPrompt)</c> → <c>UpdateSystemPrompt(combinedSystemPrompt)</c> →
/// <c>new ChatMessage("system", prompt)</c>): a member passing its parameter to a forwarder forwards it too, and a local
/// chosen from the parameter (<c>prompt = IsNullOrEmpty(p) ? Default : p</c>) is the parameter's text. On the real
/// Microsoft.Extensions.AI types.
/// </summary>
public class PromptRelayTests
{
    [Fact]
    public async Task A_prompt_relayed_through_two_members_and_a_defaulting_local_is_reported_at_the_caller()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Sources =
            {
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class LlmClient(IChatClient client)
                {
                    private const string DefaultPrompt = "";
                    private readonly List<ChatMessage> _history = new();

                    public async Task<string> SendMessageAsync(string userMessage, string? combinedSystemPrompt = null)
                    {
                        UpdateSystemPrompt(combinedSystemPrompt);
                        _history.Add(new ChatMessage(ChatRole.User, userMessage));
                        var response = await client.GetResponseAsync(_history);
                        return response.Text;
                    }

                    private void UpdateSystemPrompt(string? combinedSystemPrompt)
                    {
                        var prompt = !string.IsNullOrEmpty(combinedSystemPrompt) ? combinedSystemPrompt : DefaultPrompt;
                        _history.Insert(0, new ChatMessage(ChatRole.System, prompt));
                    }
                }

                public sealed class Session(LlmClient llm)
                {
                    public Task<string> AskAsync(string question, string system) => llm.SendMessageAsync(question, combinedSystemPrompt: system);
                }
                """,
                """
                using System.Threading.Tasks;

                public sealed class Headless(LlmClient llm, Session session)
                {
                    public Task<string> RunAsync(string task) =>
                        llm.SendMessageAsync(task, combinedSystemPrompt: [|"You are a careful coding agent. Work in small steps."|]);

                    public Task<string> ReviewAsync(string diff) =>
                        session.AskAsync(diff, [|"You review diffs and list every bug."|]);
                }
                """,
            },
        }.RunAsync();
    }

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
