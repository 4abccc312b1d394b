// A retrieval service: a persona field, documents injected into an interpolated system message, a StringBuilder
// summary prompt, and a user message that is not a prompt.
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Outdoor.Products;

public sealed record Product(string Name, string Description, decimal Price);

public sealed class ProductAssistant(IChatClient chatClient, ILogger<ProductAssistant> logger)
{
    private readonly string _persona = "You are a friendly outdoor-gear expert. If you do not know, say so.";

    public async Task<string> AnswerAsync(string question, IReadOnlyList<Product> found, CancellationToken cancellationToken)
    {
        var catalog = new StringBuilder();
        foreach (var product in found)
        {
            catalog.AppendLine($"- {product.Name}: {product.Description} ({product.Price:C})");
        }

        var grounding = $"""
            Use only the products below to answer. Compare them with the question and cite prices.
            {catalog}
            """;

        logger.LogInformation("Answering {Question} with {Count} products", question, found.Count);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, [|_persona|]),
            new(ChatRole.System, [|grounding|]),
            new(ChatRole.User, question),
        };

        var response = await chatClient.GetResponseAsync(messages, new ChatOptions { Temperature = 0.2f }, cancellationToken);
        return response.Text;
    }

    public async Task<string> SummarizeAsync(IReadOnlyList<string> reviews, CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder();
        prompt.AppendLine("Summarize these customer reviews in three bullet points:");
        foreach (var review in reviews)
        {
            prompt.Append("* ").AppendLine(review);
        }

        var response = await chatClient.GetResponseAsync(
            [new ChatMessage(ChatRole.System, [|prompt.ToString()|])],
            new ChatOptions { Instructions = [|"Answer in English even if the reviews are not."|] },
            cancellationToken);
        return response.Text;
    }
}
