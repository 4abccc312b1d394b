// Console programs that read the user in different ways; none is an autonomous loop.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.ConsoleVariety;

public static class Programs
{
    public static async Task ExitWordAsync(IChatClient chatClient)
    {
        string? input;
        while ((input = Console.ReadLine()) != "exit")
        {
            Console.WriteLine((await chatClient.GetResponseAsync(input ?? string.Empty)).Text);
        }
    }

    public static async Task KeyPressAsync(IChatClient chatClient, CancellationToken cancellationToken)
    {
        do
        {
            var joke = await chatClient.GetResponseAsync("Tell me a joke.", cancellationToken: cancellationToken);
            Console.WriteLine(joke.Text);
            Console.WriteLine("Press Enter for another, Escape to stop.");
        } while (Console.ReadKey(intercept: true).Key != ConsoleKey.Escape);
    }

    public static async Task ReaderAsync(IChatClient chatClient)
    {
        while (true)
        {
            var line = await ReadPromptAsync();
            if (line is null)
            {
                return;
            }

            await foreach (var update in chatClient.GetStreamingResponseAsync(line))
            {
                Console.Write(update.Text);
            }
        }
    }

    private static async Task<string?> ReadPromptAsync()
    {
        await Console.Out.WriteAsync("? ");
        return await Console.In.ReadLineAsync();
    }
}
