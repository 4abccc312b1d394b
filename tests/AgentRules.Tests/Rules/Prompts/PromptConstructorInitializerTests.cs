using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// Agent and message classes that pass prompt text to their base constructor (<c>: base(…)</c>, a primary
/// constructor's base arguments, <c>: this(…)</c>), against the real Agent Framework (an app's own <c>AIAgent</c> base
/// class taking <c>instructions</c>) and Microsoft.Extensions.AI (a <c>ChatMessage</c> subclass).
/// Such calls are bound only when the base type (or, for <c>this(…)</c>, the type itself) is written with the name of
/// a type whose constructor can take prompt text, or when the base type of a partial type is written on another part;
/// every other constructor call — an exception's message, a base type of another name — is left unbound.
/// </summary>
public class PromptConstructorInitializerTests
{
    [Fact]
    public async Task Text_handed_to_a_prompt_type_constructor_through_a_constructor_initializer_is_a_site()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Sources =
            {
                """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using Meai = Microsoft.Extensions.AI;

                public abstract class InstructedAgent : AIAgent
                {
                    protected InstructedAgent(string instructions) => Instructions = instructions;

                    public string Instructions { get; }
                }

                public abstract class Planner() : InstructedAgent([|"You plan trips."|]);

                public abstract class Critic : InstructedAgent
                {
                    protected Critic() : base(instructions: [|"You criticise plans."|])
                    {
                    }
                }

                public abstract class Guide : InstructedAgent
                {
                    protected Guide() : this([|"You guide tourists."|])
                    {
                    }

                    protected Guide(string instructions) : base(instructions)
                    {
                    }
                }

                public sealed class BriefNote : Meai.ChatMessage
                {
                    public BriefNote() : base(ChatRole.System, [|"Be brief."|])
                    {
                    }

                    public BriefNote(string text) : base(ChatRole.System, text)
                    {
                    }
                }
                """,
                """
                public abstract partial class Translator : InstructedAgent
                {
                }
                """,
                """
                public abstract partial class Translator
                {
                    protected Translator() : base(instructions: [|"You translate."|])
                    {
                    }
                }
                """,
            },
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Constructor_initializers_of_other_types_are_not_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public sealed class PromptRejected : Exception
                {
                    public PromptRejected() : base("You are not allowed to change the system prompt.")
                    {
                    }
                }

                public class Note(string text)
                {
                    public string Text { get; } = text;
                }

                public sealed class SystemNote() : Note("You are a helpful assistant.");

                public sealed class Holder
                {
                    public Holder() : this("You are a helpful assistant.")
                    {
                    }

                    public Holder(string instructions) => Instructions = instructions;

                    public string Instructions { get; }
                }
                """,
        }.RunAsync();
    }
}
