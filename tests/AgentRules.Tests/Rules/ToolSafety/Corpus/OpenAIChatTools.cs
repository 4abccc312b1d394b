// Corpus: OpenAI SDK function tools, declared by name and description and run by the application's own loop.
using System;
using OpenAI.Chat;

namespace Corpus.OpenAI;

public static class SupportFunctions
{
    public static readonly ChatTool GetCurrentLocation = ChatTool.CreateFunctionTool(
        // corpus: silent
        functionName: nameof(GetCurrentLocation),
        functionDescription: "Get the user's current location");

    public static readonly ChatTool GetCurrentWeather = ChatTool.CreateFunctionTool(
        // corpus: silent
        functionName: "get_current_weather",
        functionDescription: "Get the current weather in a given location",
        functionParameters: BinaryData.FromString("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}"));

    public static readonly ChatTool LookupOrder = ChatTool.CreateFunctionTool(
        // corpus: silent
        "lookup_order",
        "Looks up an order by its number.");

    public static readonly ChatTool IssueRefund = ChatTool.CreateFunctionTool(
        // corpus: report
        "issue_refund",
        "Refunds an order to the customer's original payment method.");

    public static readonly ChatTool CloseAccount = ChatTool.CreateFunctionTool(
        // corpus: report
        "close_account",
        "Closes the customer's account. This cannot be undone.");

    public static readonly ChatTool SendEmail = ChatTool.CreateFunctionTool(
        // corpus: report
        functionName: "send_email",
        functionDescription: "Send an e-mail to the customer.");

    public static readonly ChatTool Escalate = ChatTool.CreateFunctionTool(
        // corpus: report
        functionName: "escalate_to_human",
        functionDescription: "Creates a ticket for a human agent and hands over the conversation.");

    public static ChatCompletionOptions Options() => new()
    {
        Tools = { GetCurrentLocation, GetCurrentWeather, LookupOrder, IssueRefund, CloseAccount, SendEmail, Escalate },
    };
}
