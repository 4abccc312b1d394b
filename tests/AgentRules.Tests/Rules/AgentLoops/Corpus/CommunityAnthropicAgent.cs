// Community agent on the Anthropic.SDK package (its client surface declared here).
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Anthropic.SDK.Messaging
{
    public sealed class Message
    {
        public Message(string role, string text) { }
    }

    public sealed class ContentBase
    {
        public string Type { get; set; } = "text";
        public string Text { get; set; } = "";
    }

    public sealed class MessageResponse
    {
        public List<ContentBase> Content { get; set; } = new();
        public string StopReason { get; set; } = "end_turn";
    }

    public sealed class MessageParameters
    {
        public List<Message> Messages { get; set; } = new();
        public string Model { get; set; } = "";
    }

    public class MessagesEndpoint
    {
        public Task<MessageResponse> GetClaudeMessageAsync(MessageParameters parameters, CancellationToken ctx = default) => Task.FromResult(new MessageResponse());
    }
}

namespace Corpus.Community.Claude
{
    using Anthropic.SDK.Messaging;

    public sealed class CodingAgent(MessagesEndpoint messages)
    {
        public async Task<string> RunAsync(string task, CancellationToken cancellationToken)
        {
            var parameters = new MessageParameters { Model = "claude-sonnet-4", Messages = [new Message("user", task)] };
            // expect: AGR0002
            while (true)
            {
                var response = await messages.GetClaudeMessageAsync(parameters, cancellationToken);
                if (response.StopReason != "tool_use")
                {
                    return string.Concat(response.Content.Select(c => c.Text));
                }

                parameters.Messages.Add(new Message("user", "tool result: ok"));
            }
        }
    }
}
