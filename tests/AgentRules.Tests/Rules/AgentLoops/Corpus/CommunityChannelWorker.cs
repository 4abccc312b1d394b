// Community bot: messages arrive on a channel; the agent answers each one.
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.Hosting;

namespace Corpus.Community.Bot;

public sealed record IncomingMessage(string ChannelId, string Text);

public sealed class ReplyWorker(Channel<IncomingMessage> inbox, AIAgent agent) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in inbox.Reader.ReadAllAsync(stoppingToken))
        {
            var reply = await agent.RunAsync(message.Text, cancellationToken: stoppingToken);
            await SendAsync(message.ChannelId, reply.Text, stoppingToken);
        }
    }

    private static Task SendAsync(string channelId, string text, CancellationToken cancellationToken) => Task.CompletedTask;
}
