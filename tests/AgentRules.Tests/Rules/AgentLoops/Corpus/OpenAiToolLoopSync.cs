// OpenAI .NET SDK: the documented function-calling loop, synchronous flavour.
using System;
using System.Collections.Generic;
using System.Text.Json;
using OpenAI.Chat;

namespace Corpus.OpenAiSync;

public static class LocationFunctions
{
    public static string GetCurrentLocation() => "San Francisco";

    public static string GetCurrentWeather(string location, string unit = "celsius") => $"31 {unit} in {location}";
}

public static class WeatherConversation
{
    private static readonly ChatTool LocationTool = ChatTool.CreateFunctionTool(nameof(LocationFunctions.GetCurrentLocation), "Get the user's current location");

    private static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool(
        nameof(LocationFunctions.GetCurrentWeather),
        "Get the current weather in a given location",
        BinaryData.FromString("""{ "type": "object", "properties": { "location": { "type": "string" } }, "required": ["location"] }"""));

    public static void Run(ChatClient client)
    {
        List<ChatMessage> messages = [new UserChatMessage("What's the weather like today?")];
        ChatCompletionOptions options = new() { Tools = { LocationTool, WeatherTool } };

        bool requiresAction;
        // expect: AGR0002, AGR0003
        do
        {
            requiresAction = false;
            ChatCompletion completion = client.CompleteChat(messages, options);

            switch (completion.FinishReason)
            {
                case ChatFinishReason.Stop:
                    messages.Add(new AssistantChatMessage(completion));
                    break;

                case ChatFinishReason.ToolCalls:
                    messages.Add(new AssistantChatMessage(completion));
                    foreach (ChatToolCall toolCall in completion.ToolCalls)
                    {
                        switch (toolCall.FunctionName)
                        {
                            case nameof(LocationFunctions.GetCurrentLocation):
                                messages.Add(new ToolChatMessage(toolCall.Id, LocationFunctions.GetCurrentLocation()));
                                break;
                            case nameof(LocationFunctions.GetCurrentWeather):
                                using (JsonDocument arguments = JsonDocument.Parse(toolCall.FunctionArguments))
                                {
                                    var location = arguments.RootElement.GetProperty("location").GetString()!;
                                    messages.Add(new ToolChatMessage(toolCall.Id, LocationFunctions.GetCurrentWeather(location)));
                                }

                                break;
                            default:
                                throw new NotImplementedException();
                        }
                    }

                    requiresAction = true;
                    break;

                case ChatFinishReason.Length:
                    throw new NotImplementedException("Incomplete model output due to MaxTokens parameter or token limit exceeded.");

                default:
                    throw new NotImplementedException(completion.FinishReason.ToString());
            }
        } while (requiresAction);

        foreach (ChatMessage message in messages)
        {
            Console.WriteLine(message.Content.Count > 0 ? message.Content[0].Text : string.Empty);
        }
    }
}
