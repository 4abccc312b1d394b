using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on a default system prompt held by a settable options property (issue 18):
/// <c>public string SystemPrompt { get; set; } = "You are …";</c> whose value the app later hands to a model as its
/// system message or instructions. Configuration may override it, but the default is text in the code that runs
/// unless something does: it is reported once, at the literal — and not at all when the property never reaches a model.
/// On the real Microsoft.Extensions.AI, OpenAI and Agent Framework packages.
/// </summary>
public class SettableDefaultPromptTests
{
    [Fact]
    public async Task The_default_of_an_options_property_fed_to_a_model_is_reported_once_at_the_literal()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenAI.Chat;

                public sealed class AssistantOptions
                {
                    public string Model { get; set; } = "gpt-4o-mini";
                    public string SystemPrompt { get; set; } = [|"You are a careful coding assistant. Answer briefly."|];
                }

                public sealed class Assistant(IChatClient client, ChatClient openAi, AssistantOptions options)
                {
                    public Task<ChatResponse> AskAsync(string question) =>
                        client.GetResponseAsync([new(ChatRole.System, options.SystemPrompt), new(ChatRole.User, question)]);

                    public Task<System.ClientModel.ClientResult<ChatCompletion>> AskOpenAiAsync(string question) =>
                        openAi.CompleteChatAsync([new SystemChatMessage(options.SystemPrompt), new UserChatMessage(question)]);
                }
                """,
            ExpectedMessages = { "Unversioned system message: the default value of settable property 'AssistantOptions.SystemPrompt' is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task A_default_composed_into_the_instructions_is_reported_at_the_literal()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public sealed class AgentSettings
                {
                    public string Instructions { get; set; } = [|"You triage support tickets by urgency."|];
                }

                public sealed class Factory(IChatClient client, AgentSettings settings)
                {
                    public AIAgent Create(string team) =>
                        new ChatClientAgent(client, instructions: $"{settings.Instructions}\n\n{team}", name: "triage");
                }
                """,
            ExpectedMessages = { "Unversioned agent instructions: the default value of settable property 'AgentSettings.Instructions' is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task Defaults_that_never_reach_a_model_and_empty_defaults_are_not_prompts()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class BotOptions
                {
                    public string SystemPrompt { get; set; } = "You are a friendly bot that greets people.";
                    public string Persona { get; set; } = "";
                    public string Greeting { get; set; } = "Hello and welcome to the support desk!";
                }

                public sealed class Bot(IChatClient client, BotOptions options)
                {
                    public void Log() => Console.WriteLine(options.SystemPrompt);   // printed, never sent to a model

                    public Task<ChatResponse> AskAsync(string question) =>
                        client.GetResponseAsync([new(ChatRole.System, options.Persona), new(ChatRole.User, question)]);

                    public string Greet() => options.Greeting;
                }
                """,
        }.RunAsync();
    }
}
