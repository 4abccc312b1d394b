using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on prompt text that passes through a helper handing back one of its own parameters (issue 18): a
/// translation helper <c>T(es, en) => IsSpanish ? es : en</c>, a fallback <c>Or(value, fallback) => value ?? fallback</c>.
/// The text is what the caller passes, so the caller's literals are the prompt; a caller passing run-time values stays
/// silent. On the real Microsoft.Extensions.AI types.
/// </summary>
public class PromptSelectingHelperTests
{
    [Fact]
    public async Task A_system_prompt_chosen_by_a_translation_helper_is_reported()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public static class Loc
                {
                    public static bool IsSpanish { get; set; }

                    public static string T(string es, string en) => IsSpanish ? es : en;
                }

                public static class Persona
                {
                    public static string System(string name) => Loc.T(
                        $"Eres {name}, un asistente amable. Responde siempre en español.",
                        $"You are {name}, a friendly assistant. Always answer in English.");
                }

                public sealed class Companion(IChatClient client)
                {
                    public Task<ChatResponse> AskAsync(string question) =>
                        client.GetResponseAsync([new ChatMessage(ChatRole.System, [|Persona.System("Flubber")|]), new ChatMessage(ChatRole.User, question)]);

                    public Task<ChatResponse> GreetAsync(string question) =>
                        client.GetResponseAsync([new ChatMessage(ChatRole.System, [|Loc.T("Saluda al usuario con calidez.", "Greet the user warmly.")|]), new ChatMessage(ChatRole.User, question)]);
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task A_selecting_helper_given_run_time_values_is_not_a_prompt()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public static class Text
                {
                    public static string Or(string? value, string fallback) => value ?? fallback;

                    public static string Pick(bool first, string a, string b) => first ? a : b;
                }

                public sealed class Assistant(IChatClient client)
                {
                    public Task<ChatResponse> AskAsync(string question, string? configured, string stored) =>
                        client.GetResponseAsync([
                            new ChatMessage(ChatRole.System, Text.Or(configured, Environment.GetEnvironmentVariable("PROMPT") ?? stored)),
                            new ChatMessage(ChatRole.System, Text.Pick(question.Length > 10, configured ?? stored, stored)),
                            new ChatMessage(ChatRole.User, question)]);
                }
                """,
        }.RunAsync();
    }
}
