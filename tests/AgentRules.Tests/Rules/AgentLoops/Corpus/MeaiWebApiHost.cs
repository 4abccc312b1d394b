// Microsoft.Extensions.AI in an ASP.NET-style host: the chat client registered once, used per request.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Corpus.MeaiWebApi;

public static class Startup
{
    public static void ConfigureServices(IServiceCollection services, string apiKey)
    {
        services.AddChatClient(new OpenAIClient(apiKey).GetChatClient("gpt-4o-mini").AsIChatClient())
            // expect: AGR0009
            .UseFunctionInvocation();
    }
}

public sealed class SupportEndpoint(IChatClient chatClient)
{
    public async Task<string> AskAsync(string question, CancellationToken requestAborted)
    {
        var response = await chatClient.GetResponseAsync(question, cancellationToken: requestAborted);
        return response.Text;
    }

    public async Task<string[]> AskManyAsync(string[] questions, CancellationToken requestAborted)
    {
        var answers = new string[questions.Length];
        for (var i = 0; i < questions.Length; i++)
        {
            answers[i] = (await chatClient.GetResponseAsync(questions[i], cancellationToken: requestAborted)).Text;
        }

        return answers;
    }
}
