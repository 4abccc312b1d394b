// Community CLI: a Spectre.Console chat (Spectre declared here as the package defines it).
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Spectre.Console
{
    public static class AnsiConsole
    {
        public static T Ask<T>(string prompt) => default!;

        public static void MarkupLine(string value) { }
    }
}

namespace Corpus.Community.Cli
{
    using Spectre.Console;

    public static class Repl
    {
        public static async Task RunAsync(IChatClient chatClient)
        {
            var history = new List<ChatMessage>();
            while (true)
            {
                var question = AnsiConsole.Ask<string>("[green]You[/]:");
                if (question == "exit")
                {
                    return;
                }

                history.Add(new ChatMessage(ChatRole.User, question));
                var response = await chatClient.GetResponseAsync(history);
                history.AddMessages(response);
                AnsiConsole.MarkupLine("[blue]AI[/]: " + response.Text);
            }
        }
    }
}
