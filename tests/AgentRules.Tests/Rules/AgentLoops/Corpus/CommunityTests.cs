// A test project: checking that answers are stable across a few samples.
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Community.Tests;

public sealed class AnswerStabilityTests(IChatClient chatClient)
{
    public async Task Capital_of_France_is_stable()
    {
        // expect: AGR0003
        for (var i = 0; i < 5; i++)
        {
            var response = await chatClient.GetResponseAsync("What is the capital of France? One word.");
            if (response.Text.Trim() != "Paris")
            {
                throw new System.Exception(response.Text);
            }
        }
    }
}
