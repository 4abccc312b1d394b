using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.Prompts;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>AGR0004 on every prompt-site form of every framework, and the look-alikes that are not prompt sites.</summary>
public class PromptSiteFormsTests
{
    private const string Usings = """
        #pragma warning disable OPENAI001
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
    [InlineData("var m = new MeaiChatMessage(ChatRole.System, [new TextContent([|\"You are a travel agent.\"|])]);", "system message", "a string literal")]
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
        await new AnalyzerTest<UnversionedPromptAnalyzer>
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
        await new AnalyzerTest<UnversionedPromptAnalyzer> { Source = InMethod(statements) }.RunAsync();
    }

    [Fact]
    public async Task Embedded_resources_and_file_helpers_are_text_read_at_run_time()
    {
        await new AnalyzerTest<UnversionedPromptAnalyzer>
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
        await new AnalyzerTest<UnversionedPromptAnalyzer>
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
        await new AnalyzerTest<UnversionedPromptAnalyzer>
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
        await new AnalyzerTest<UnversionedPromptAnalyzer>
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
        await new AnalyzerTest<UnversionedPromptAnalyzer>
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
        await new AnalyzerTest<UnversionedPromptAnalyzer>
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
                        var f = new ChatCompletionAgent { Instructions = Undefined + "x" };
                        kernel.InvokePromptAsync(
                        var g = new SystemChatMessage(NotDeclared);
                        var h = new ChatHistory(local);
                        string local = ;
                    }
                }
                """.Replace("[|\"You are helpful.\"|]", "\"You are helpful.\""),
        }.RunAsync();
    }

    [Fact]
    public async Task Registers_no_actions_when_no_agent_framework_is_referenced()
    {
        var test = new AnalyzerTest<UnversionedPromptAnalyzer>
        {
            Source = "public static class Greeter { public const string Text = \"You are helpful.\"; public static string Greet() => Text; }",
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        };
        await test.RunAsync();

        var analyzer = new UnversionedPromptAnalyzer();
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions);
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);

        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount);
    }
}
