// Microsoft.Extensions.AI: FunctionInvokingChatClient created directly.
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Corpus.MeaiFicc;

public static class ClientFactory
{
    public static IChatClient CreateDefault(IChatClient inner, ILoggerFactory loggerFactory) =>
        // expect: AGR0009
        new FunctionInvokingChatClient(inner, loggerFactory);

    public static IChatClient CreateTuned(IChatClient inner)
    {
        var client = new FunctionInvokingChatClient(inner);
        client.MaximumIterationsPerRequest = 8;
        client.MaximumConsecutiveErrorsPerRequest = 2;
        return client;
    }

    public static IChatClient CreateUnbounded(IChatClient inner) => new FunctionInvokingChatClient(inner)
    {
        // expect: AGR0002
        MaximumIterationsPerRequest = int.MaxValue,
    };
}
