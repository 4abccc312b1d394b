// Microsoft.Extensions.AI: chat clients registered in DI, one with an explicit cap.
using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenAI;

namespace Corpus.MeaiDi;

public static class ServiceRegistration
{
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        var openAI = new OpenAIClient(builder.Configuration["OpenAI:Key"]!);

        builder.Services.AddKeyedSingleton<IChatClient>("support", (sp, _) =>
            openAI.GetChatClient("gpt-4o").AsIChatClient()
                .AsBuilder()
                // expect: AGR0009
                .UseFunctionInvocation()
                .UseLogging()
                .Build(sp));

        builder.Services.AddKeyedSingleton<IChatClient>("billing", (sp, _) =>
            openAI.GetChatClient("gpt-4o").AsIChatClient()
                .AsBuilder()
                .UseFunctionInvocation(configure: invoker =>
                {
                    invoker.MaximumIterationsPerRequest = 5;
                    invoker.AllowConcurrentInvocation = true;
                })
                .Build(sp));

        return builder;
    }

    private static ChatClientBuilder UseLogging(this ChatClientBuilder builder) => builder;
}
