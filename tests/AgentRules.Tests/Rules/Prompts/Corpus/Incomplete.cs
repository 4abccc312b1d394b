// Code that does not compile here: provider SDK clients this project does not reference. The agent factories are
// still recognised by name and their instructions argument.
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Incomplete;

public static class Foundry
{
    private const string ResearcherInstructions = "You research topics and cite sources.";

    public static async Task<AIAgent> CreateAsync(string endpoint, string model)
    {
        var projectClient = new AIProjectClient(new Uri(endpoint), new DefaultAzureCredential());
        AIAgent writer = projectClient.AsAIAgent(model, instructions: [|"You write short reports from research notes."|], name: "writer");
        AIAgent researcher = await projectClient.CreateAIAgentAsync(model, name: "researcher", instructions: [|ResearcherInstructions|]);
        var ollama = new OllamaChatClient(new Uri("http://localhost:11434"), model)
            .AsAIAgent(instructions: [|"You are good at telling jokes."|], name: "Joker");
        return writer;
    }
}
