// Microsoft.Extensions.AI: sampling several answers to evaluate them.
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.MeaiSampling;

public static class AnswerSampler
{
    private const int Samples = 3;

    public static async Task<List<string>> SampleAsync(IChatClient chatClient, string question)
    {
        var answers = new List<string>();
        // expect: AGR0003
        for (var i = 0; i < Samples; i++)
        {
            var response = await chatClient.GetResponseAsync(question, new ChatOptions { Temperature = 0.9f });
            answers.Add(response.Text);
        }

        return answers;
    }
}
