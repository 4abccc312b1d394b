using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>AGR0004 on every prompt-site form of every framework, and the look-alikes that are not prompt sites.</summary>
public class PromptSiteFormsTests
{
    private const string Usings = """
        #pragma warning disable OPENAI001, SKEXP0010 // evaluation-only APIs a real project opts into the same way
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Agents;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;
        using OpenAI.Chat;
        using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
        using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

        """;

    private static string InMethod(string statements) => Usings + $$"""
        public sealed class Agents
        {
            public async Task RunAsync(IChatClient chatClient, ChatClient openAIChat, Kernel kernel, ChatHistory history, ILogger logger, string userInput)
            {
                {{statements}}
                await Task.CompletedTask;
            }
        }
        """;

    [Theory]
    // Microsoft.Extensions.AI
    [InlineData("var m = new MeaiChatMessage(ChatRole.System, [|\"You are a travel agent.\"|]);", "system message", "a string literal")]
    [InlineData("List<MeaiChatMessage> m = [new(ChatRole.System, [|\"You are a travel agent.\"|])];", "system message", "a string literal")]
    [InlineData("var m = new MeaiChatMessage(content: [|\"You are a travel agent.\"|], role: ChatRole.System);", "system message", "a string literal")]
    [InlineData("var m = new MeaiChatMessage(new ChatRole(\"system\"), [|\"You are a travel agent.\"|]);", "system message", "a string literal")]
    [InlineData("var role = ChatRole.System; var m = new MeaiChatMessage(role, [|\"You are a travel agent.\"|]);", "system message", "a string literal")]
    [InlineData("var m = new MeaiChatMessage(ChatRole.System, [new Microsoft.Extensions.AI.TextContent([|\"You are a travel agent.\"|])]);", "system message", "a string literal")]
    [InlineData("var o = new ChatOptions { Instructions = [|\"Answer in one sentence.\"|] };", "chat instructions", "a string literal")]
    [InlineData("var o = new ChatOptions(); o.Instructions = [|\"Answer in one sentence.\"|];", "chat instructions", "a string literal")]
    // Microsoft Agent Framework
    [InlineData("var a = new ChatClientAgent(chatClient, instructions: [|\"You plan trips.\"|], name: \"Planner\");", "agent instructions", "a string literal")]
    [InlineData("var a = new ChatClientAgent(chatClient, [|\"You plan trips.\"|], \"Planner\");", "agent instructions", "a string literal")]
    [InlineData("AIAgent a = chatClient.AsAIAgent(instructions: [|\"You plan trips.\"|], name: \"Planner\");", "agent instructions", "a string literal")]
    [InlineData("AIAgent a = chatClient.AsAIAgent([|\"You plan trips.\"|], \"Planner\");", "agent instructions", "a string literal")]
    [InlineData("AIAgent a = chatClient.CreateAIAgent(instructions: [|\"You plan trips.\"|]);", "agent instructions", "a string literal")]
    [InlineData("AIAgent a = openAIChat.AsAIAgent(instructions: [|\"You plan trips.\"|]);", "agent instructions", "a string literal")]
    [InlineData("AIAgent a = chatClient.AsBuilder().BuildAIAgent(instructions: [|\"You plan trips.\"|]);", "agent instructions", "a string literal")]
    [InlineData("var a = new ChatClientAgent(chatClient, new ChatClientAgentOptions { Name = \"Planner\", ChatOptions = new() { Instructions = [|\"You plan trips.\"|] } });", "agent instructions", "a string literal")]
    [InlineData("AIAgent a = chatClient.AsAIAgent(new ChatClientAgentOptions { ChatOptions = new ChatOptions { Instructions = [|\"You plan trips.\"|] } });", "agent instructions", "a string literal")]
    [InlineData("var c = new Microsoft.Agents.AI.AIContext { Instructions = [|$\"The user's name is {userInput}.\"|] };", "agent instructions", "an interpolated string")]
    // Semantic Kernel
    [InlineData("history.AddSystemMessage([|\"You are a grumpy assistant.\"|]);", "system message", "a string literal")]
    [InlineData("history.AddDeveloperMessage([|\"Use tools when you can.\"|]);", "developer message", "a string literal")]
    [InlineData("var h = new ChatHistory([|\"You are a grumpy assistant.\"|]);", "system message", "a string literal")]
    [InlineData("var h = new ChatHistory([|\"You are a grumpy assistant.\"|], AuthorRole.System);", "system message", "a string literal")]
    [InlineData("history.AddMessage(AuthorRole.System, [|\"You are a grumpy assistant.\"|]);", "system message", "a string literal")]
    [InlineData("history.Add(new Microsoft.SemanticKernel.ChatMessageContent(AuthorRole.System, [|\"You are a grumpy assistant.\"|]));", "system message", "a string literal")]
    [InlineData("history.AddMessage(AuthorRole.Developer, [|\"Use tools when you can.\"|]);", "developer message", "a string literal")]
    [InlineData("var r = await kernel.InvokePromptAsync([|\"Summarize: {{$input}}\"|]);", "prompt template", "a string literal")]
    [InlineData("var r = await kernel.InvokePromptAsync<string>([|$\"Summarize: {userInput}\"|]);", "prompt template", "an interpolated string")]
    [InlineData("var f = kernel.CreateFunctionFromPrompt([|\"Translate {{$input}} to French.\"|]);", "prompt template", "a string literal")]
    [InlineData("var f = KernelFunctionFactory.CreateFromPrompt([|\"Translate {{$input}} to French.\"|]);", "prompt template", "a string literal")]
    [InlineData("var c = new PromptTemplateConfig([|\"Translate {{$input}} to French.\"|]);", "prompt template", "a string literal")]
    [InlineData("var c = new PromptTemplateConfig { Name = \"translate\", Template = [|\"Translate {{$input}} to French.\"|] };", "prompt template", "a string literal")]
    [InlineData("var f = kernel.CreateFunctionFromPromptYaml([|File.ReadAllText(\"prompts/translate.yaml\")|]);", "prompt template", "text read from a file at run time")]
    [InlineData("var f = KernelFunctionYaml.FromPromptYaml([|File.ReadAllText(\"prompts/translate.yaml\")|]);", "prompt template", "text read from a file at run time")]
    [InlineData("var f = kernel.CreateFunctionFromPrompty([|\"---\\nname: Translate\\n---\\nsystem:\\nTranslate {{input}} to French.\"|]);", "prompt template", "a string literal")]
    [InlineData("var agent = await new Azure.AI.Agents.Persistent.PersistentAgentsClient(\"https://x\", new object()).Administration.CreateAgentAsync(\"gpt-4o\", name: \"Researcher\", instructions: [|\"You research topics.\"|]);", "agent instructions", "a string literal")]
    [InlineData("var a = new ChatCompletionAgent { Name = \"Host\", Instructions = [|\"Answer questions about the menu.\"|], Kernel = kernel };", "agent instructions", "a string literal")]
    [InlineData("var s = new OpenAIPromptExecutionSettings { ChatSystemPrompt = [|\"You are a grumpy assistant.\"|] };", "system message", "a string literal")]
    [InlineData("var s = new OpenAIPromptExecutionSettings { ChatDeveloperPrompt = [|\"Use tools when you can.\"|] };", "developer message", "a string literal")]
    [InlineData("var o = new AgentInvokeOptions { AdditionalInstructions = [|\"Reply in German.\"|] };", "agent instructions", "a string literal")]
    // OpenAI .NET SDK
    [InlineData("List<OpenAIChatMessage> m = [new SystemChatMessage([|\"You are a helpful assistant.\"|])];", "system message", "a string literal")]
    [InlineData("var m = new DeveloperChatMessage([|\"Prefer JSON output.\"|]);", "developer message", "a string literal")]
    [InlineData("var m = OpenAIChatMessage.CreateSystemMessage([|\"You are a helpful assistant.\"|]);", "system message", "a string literal")]
    [InlineData("var m = OpenAIChatMessage.CreateDeveloperMessage([|\"Prefer JSON output.\"|]);", "developer message", "a string literal")]
    [InlineData("var o = new OpenAI.Assistants.AssistantCreationOptions { Instructions = [|\"You are a math tutor.\"|] };", "agent instructions", "a string literal")]
    public async Task Site_with_unversioned_text_is_reported_with_its_kind(string statements, string kind, string text)
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = InMethod(statements),
            ExpectedMessages = { $"Unversioned {kind}: {text} is not a declared prompt" },
        }.RunAsync();
    }

    [Theory]
    // Messages of other roles, and roles the code does not fix.
    [InlineData("var m = new MeaiChatMessage(ChatRole.User, \"Where is my order?\");")]
    [InlineData("var m = new MeaiChatMessage(ChatRole.Assistant, \"It ships tomorrow.\");")]
    [InlineData("var m = new MeaiChatMessage(new ChatRole(userInput), \"You are a travel agent.\");")]
    [InlineData("history.AddUserMessage(\"Where is my order?\"); history.AddAssistantMessage(\"It ships tomorrow.\");")]
    [InlineData("history.AddMessage(AuthorRole.User, \"Where is my order?\");")]
    [InlineData("List<OpenAIChatMessage> m = [new UserChatMessage(\"Where is my order?\"), new AssistantChatMessage(\"Tomorrow.\")];")]
    [InlineData("var m = OpenAIChatMessage.CreateUserMessage(\"Where is my order?\");")]
    [InlineData("var r = await chatClient.GetResponseAsync(\"Where is my order?\");")]
    [InlineData("var r = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(\"Where is my order?\");")]
    // Names, descriptions, logs and other text are not prompts.
    [InlineData("AIAgent a = chatClient.AsAIAgent(instructions: userInput, name: \"Planner\", description: \"Plans trips for the user.\");")]
    [InlineData("var a = new ChatCompletionAgent { Name = \"Host\", Description = \"Answers questions about the menu.\", Kernel = kernel };")]
    [InlineData("logger.LogInformation(\"You are a travel agent.\"); Console.WriteLine(\"You are a travel agent.\");")]
    [InlineData("var o = new ChatOptions { ModelId = \"gpt-4o-mini\" };")]
    // Text from outside the code: parameters, configuration, environment, model output.
    [InlineData("var m = new MeaiChatMessage(ChatRole.System, userInput);")]
    [InlineData("var m = new MeaiChatMessage(ChatRole.System, Environment.GetEnvironmentVariable(\"SYSTEM_PROMPT\"));")]
    [InlineData("var summary = (await chatClient.GetResponseAsync(userInput)).Text; history.AddSystemMessage(summary);")]
    [InlineData("var m = new MeaiChatMessage(ChatRole.System, string.Join(\"\\n\", new List<string> { userInput }));")]
    [InlineData("var m = new MeaiChatMessage(ChatRole.System, $\"{userInput}\\n\\n---\\n\");")]
    // No text.
    [InlineData("var a = new ChatClientAgent(chatClient, instructions: null); var b = new ChatClientAgent(chatClient); var m = new MeaiChatMessage(ChatRole.System, \"  \");")]
    public async Task Not_a_prompt_site_or_not_unversioned_text_is_not_reported(string statements)
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer> { Source = InMethod(statements) }.RunAsync();
    }

    [Fact]
    public async Task Embedded_resources_and_file_helpers_are_text_read_at_run_time()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = Usings + """
                public static class EmbeddedResource
                {
                    public static string Read(string name)
                    {
                        using var stream = typeof(EmbeddedResource).Assembly.GetManifestResourceStream("Prompts." + name)!;
                        using var reader = new StreamReader(stream);
                        return reader.ReadToEnd();
                    }
                }

                public sealed class PromptLoader(string folder)
                {
                    public string Load(string name) => File.ReadAllText(Path.Combine(folder, name));
                }

                public sealed class Plugins(Kernel kernel, PromptLoader loader)
                {
                    public void Register()
                    {
                        var story = kernel.CreateFunctionFromPromptYaml([|EmbeddedResource.Read("GenerateStory.yaml")|]);
                        var history = new ChatHistory([|loader.Load("system.md")|]);
                        using var reader = File.OpenText("prompts/agent.md");
                        var agent = new ChatCompletionAgent { Instructions = [|reader.ReadToEnd()|], Kernel = kernel };
                    }
                }
                """,
            ExpectedMessages =
            {
                "Unversioned prompt template: text read from an embedded resource at run time returned by 'Read' is not a declared prompt",
                "Unversioned system message: text read from a file at run time returned by 'Load' is not a declared prompt",
                "Unversioned agent instructions: text read from a file at run time is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Mcp_prompts_report_the_text_they_return()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.ComponentModel;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Protocol;
                using ModelContextProtocol.Server;

                [McpServerPromptType]
                public static class ReviewPrompts
                {
                    [McpServerPrompt(Name = "review_code"), Description("Asks for a code review.")]
                    public static string ReviewCode(string code) => [|$"Review this code and list the bugs you find:\n{code}"|];

                    [McpServerPrompt, Description("Summarizes content.")]
                    public static ChatMessage Summarize(string content) =>
                        new(ChatRole.User, [|$"Please summarize this content into a single sentence: {content}"|]);

                    [McpServerPrompt]
                    public static IEnumerable<ChatMessage> Explain(string topic) =>
                    [
                        new(ChatRole.User, [|"Explain the following topic to a beginner."|]),
                        new(ChatRole.User, topic),
                    ];

                    [McpServerPrompt]
                    public static async Task<string> Greeting()
                    {
                        await Task.Yield();
                        return [|"Greet the user and offer help with their account."|];
                    }

                    [McpServerPrompt]
                    public static GetPromptResult Release(string version) => new()
                    {
                        Messages =
                        [
                            new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = [|"Write release notes for version " + version|] } },
                        ],
                    };

                    [McpServerPrompt, Prompt("review.checklist", Version = 2)]
                    public static string Checklist(string code) => $"Check this code against the team checklist:\n{code}";

                    [McpServerPrompt]
                    public static string Echo(string text) => text;
                }

                [McpServerToolType]
                public static class Tools
                {
                    [McpServerTool, Description("Echoes the message.")]
                    public static string Echo(string message) => "You said: " + message;
                }
                """,
            ExpectedMessages =
            {
                "Unversioned MCP prompt: an interpolated string is not a declared prompt",
                "Unversioned MCP prompt: an interpolated string is not a declared prompt",
                "Unversioned MCP prompt: a string literal is not a declared prompt",
                "Unversioned MCP prompt: a string literal is not a declared prompt",
                "Unversioned MCP prompt: a concatenated string is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Mcp_server_instructions_are_a_site()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;

                var builder = Host.CreateApplicationBuilder(args);
                builder.Services
                    .AddMcpServer(options => options.ServerInstructions = [|"Use search_orders before answering questions about orders."|])
                    .WithStdioServerTransport()
                    .WithToolsFromAssembly();
                await builder.Build().RunAsync();
                """,
            ExpectedMessages = { "Unversioned MCP server instructions: a string literal is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task Configured_sinks_are_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            EditorConfig = "agentrules.prompt_sinks = MyCompany.Llm.PromptRunner.Run(systemPrompt), MyCompany.Llm.AgentSpec.Persona, MyCompany.Llm.Completion.ctor",
            Source = """
                namespace MyCompany.Llm
                {
                    public sealed class PromptRunner
                    {
                        public string Run(string userPrompt, string systemPrompt) => userPrompt + systemPrompt;
                    }

                    public sealed class AgentSpec
                    {
                        public string Persona { get; set; } = "";
                        public string Name { get; set; } = "";
                    }

                    public sealed class Completion(int maxTokens, string prompt)
                    {
                        public int MaxTokens => maxTokens;
                        public string Prompt => prompt;
                    }

                    public static class Use
                    {
                        public static void Run(PromptRunner runner, string question)
                        {
                            runner.Run(question, [|"You answer with one word."|]);
                            var spec = new AgentSpec { Name = "Bot", Persona = [|"You are a cheerful bot."|] };
                            var completion = new Completion(100, [|"Complete the sentence."|]);
                        }
                    }
                }
                """,
            ExpectedMessages =
            {
                "Unversioned prompt: a string literal is not a declared prompt",
                "Unversioned prompt: a string literal is not a declared prompt",
                "Unversioned prompt: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Registry_text_is_versioned()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using AgentRules;
                using Microsoft.Extensions.AI;

                internal static class AgentPrompts
                {
                    public static AgentPrompt SupportTriage { get; } = new("support.triage", 3, "0000000000000000000000000000000000000000000000000000000000000000", "You triage support tickets.");

                    public static AgentPrompt? Find(string id) => id == "support.triage" ? SupportTriage : null;
                }

                public static class Chat
                {
                    public static ChatMessage[] Build(string ticket) =>
                    [
                        new(ChatRole.System, AgentPrompts.SupportTriage.Text),
                        new(ChatRole.System, AgentPrompts.Find("support.triage")!.Text),
                        new(ChatRole.User, ticket),
                    ];
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Code_that_does_not_compile_is_analysed_without_exceptions()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            AllowCompilerErrors = true,
            Source = Usings + """
                public sealed class HalfWritten
                {
                    private const string Prompt = ;
                    public void Build(IChatClient client, Kernel kernel, UnknownType thing)
                    {
                        var a = new MeaiChatMessage(ChatRole.System, );
                        var b = new MeaiChatMessage(ChatRole.Sys, [|"You are helpful."|]);
                        var c = new MeaiChatMessage(ChatRole.System, thing.Prompt);
                        var d = new MeaiChatMessage(ChatRole.System, Prompt);
                        var e = client.AsAIAgent(instructions: Missing());
                        var f = new ChatCompletionAgent { Instructions = [|Undefined + " Answer in French."|] };
                        kernel.InvokePromptAsync(
                        var g = new SystemChatMessage(NotDeclared);
                        var h = new ChatHistory(local);
                        string local = ;
                    }
                }
                """.Replace("[|\"You are helpful.\"|]", "\"You are helpful.\""),
            ExpectedMessages = { "Unversioned agent instructions: a concatenated string is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task Agent_framework_hosting_registrations_are_agent_instructions()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using Microsoft.Agents.AI.Hosting;
                using Microsoft.Extensions.Hosting;

                var builder = Host.CreateApplicationBuilder(args);
                builder.AddAIAgent("pirate", instructions: [|"You are a pirate. Speak like a pirate."|], description: "Talks like a pirate.", chatClientServiceKey: "chat");
                builder.AddAIAgent("plain", [|"You answer briefly."|]);
                """,
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Agent_factories_that_do_not_bind_are_recognised_by_name_and_a_named_instructions_argument()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            AllowCompilerErrors = true,
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                const string JokerInstructions = "You are good at telling jokes.";
                var projectClient = new AIProjectClient(new System.Uri("https://example"), new DefaultAzureCredential());
                AIAgent a = projectClient.AsAIAgent("gpt-4o", instructions: [|"You are a math tutor."|], name: "Tutor");
                AIAgent b = await projectClient.CreateAIAgentAsync("gpt-4o", name: "Joker", instructions: [|JokerInstructions|]);
                ChatClientAgent c = new(new GeminiChatClient("key"), name: "Joker", instructions: [|JokerInstructions|]);
                var d = projectClient.AsAIAgent("gpt-4o", "You are not matched: positional.");
                var e = projectClient.Configure(instructions: "Not an agent factory.");
                """,
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt", // a local constant: its literal
                "Unversioned agent instructions: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Unbound_AsAIAgent_on_a_chat_client_takes_its_instructions_first_and_unbound_yaml_templates_are_sites()
    {
        // Microsoft.Agents.AI.OpenAI and Microsoft.SemanticKernel.Yaml are not referenced: the calls do not bind.
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            AllowCompilerErrors = true,
            Source = """
                using System.IO;
                using Microsoft.Agents.AI;
                using Microsoft.SemanticKernel;
                using OpenAI;

                var client = new OpenAIClient("key");
                var genre = client.GetChatClient("gpt-4.1").AsAIAgent([|"You find the genre of a movie from its title and plot."|]);
                var responses = client.GetResponsesClient().AsAIAgent("gpt-4.1", "Not read: a responses client takes the model first.");
                var yaml = File.ReadAllText("Prompts/Socrates.yaml");
                var config = KernelFunctionYaml.ToPromptTemplateConfig([|yaml|]);
                var function = KernelFunctionYaml.FromPromptYaml([|"template: Summarize {{$input}}"|]);
                """,
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned prompt template: text read from a file at run time is not a declared prompt",
                "Unversioned prompt template: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Initializers_of_agent_types_the_compilation_cannot_see_are_recognised_by_name()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            AllowCompilerErrors = true,
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.SemanticKernel.Agents.OpenAI;

                public static class Agents
                {
                    public static void Create(object client)
                    {
                        OpenAIResponseAgent a = new(client) { Name = "Joker", Instructions = [|"You are good at telling jokes."|] };
                        var b = new AzureAIAgent(client) { Instructions = [|"Answer questions about the menu."|] };
                        var c = new ChatClientAgentOptions { Name = "Old", Instructions = [|"Written for an earlier preview."|] };
                        var d = new ShoppingCart { Instructions = "Leave at the door." };
                        var e = new PromptTemplateConfig { Template = [|"Summarize {{$input}}."|] };
                        var settings = new AzureOpenAIPromptExecutionSettings { ChatSystemPrompt = [|"You answer from the provided data."|] };
                        var reviewer = CreateReviewerAgent(name: "Reviewer", instructions: [|"You review drafts."|]);
                        var host = CreateAzureAgent(instructions: [|"Answer questions about the menu."|]);
                        var assistant = assistantClient.CreateAssistantAsync("gpt-4o", "ChartMaker", instructions: [|"Create charts as requested."|]);
                    }

                    private static AzureAIAgent CreateAzureAgent(string instructions) => throw null!;

                    public static DeclarativeAgentDefinition Define(IConfiguration configuration) =>
                        new(configuration.GetValue("model"))
                        {
                            Instructions = [|"You are a marketing analyst."|],
                        };
                }
                """,
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned prompt template: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_projects_own_agent_factory_with_an_instructions_parameter_is_a_site_where_it_is_called()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.Agents;

                public sealed class Orchestration(Kernel kernel, IChatClient chatClient)
                {
                    public void Build()
                    {
                        var physicist = CreateChatCompletionAgent(instructions: [|"You are an expert in physics."|], name: "Physicist");
                        var chemist = CreateAgent([|"You are an expert in chemistry."|]);
                        var notAnAgent = Describe(instructions: "Not an agent: this helper returns a string.");
                    }

                    private ChatCompletionAgent CreateChatCompletionAgent(string instructions, string name) =>
                        new() { Instructions = instructions, Name = name, Kernel = kernel };

                    private AIAgent CreateAgent(string instructions) => chatClient.AsAIAgent(instructions: instructions);

                    private static string Describe(string instructions) => instructions;
                }
                """,
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Semantic_kernel_prompt_functions_that_do_not_bind_are_recognised_by_name()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            AllowCompilerErrors = true,
            Source = """
                using Microsoft.SemanticKernel;

                public static class Functions
                {
                    public static async System.Threading.Tasks.Task Run(Kernel kernel, string input)
                    {
                        var settings = new MistralAIPromptExecutionSettings { MaxTokens = 100 };
                        var f = kernel.CreateFunctionFromPrompt([|"Translate {{$input}} to French."|], settings);
                        var r = await kernel.InvokePromptAsync([|$"Summarize: {input}"|], new(settings));
                        var g = kernel.CreateFunctionFromPrompt(new PromptTemplateConfig([|"Write a haiku about {{$input}}."|]), new UnknownFactory());
                    }
                }
                """,
            ExpectedMessages =
            {
                "Unversioned prompt template: a string literal is not a declared prompt",
                "Unversioned prompt template: an interpolated string is not a declared prompt",
                "Unversioned prompt template: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Without_an_agent_framework_only_one_per_file_action_looks_for_role_tagged_messages()
    {
        var test = new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = "public static class Greeter { public const string Text = \"You are helpful.\"; public static string Greet() => Text; }",
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        };
        await test.RunAsync();

        var analyzer = new AGR0004UnversionedPromptAnalyzer();
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions);
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);

        // Code that calls a model over raw HTTP references no framework, but its role-tagged messages are prompt sites
        // (RoleTaggedMessages): one semantic-model action per file, which costs a word lookup in files that spell
        // neither "system" nor "developer"; no syntax-node or operation actions.
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(1, telemetry.SemanticModelActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount);
    }
}
