// Corpus: Microsoft.Extensions.AI and Agent Framework apps that build tools with AIFunctionFactory: named methods,
// local functions and lambdas, some wrapped for approval.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.ExtensionsAI;

public interface IBookingApi
{
    Task<string> SearchAsync(string city, DateOnly from, DateOnly to);
    Task<string> BookAsync(string hotelId, DateOnly from, DateOnly to);
    Task CancelAsync(string bookingId);
}

public sealed class TravelTools(IBookingApi api)
{
    [Description("Searches hotels in a city for a date range.")]
    // corpus: silent
    public Task<string> SearchHotels(string city, string from, string to) => api.SearchAsync(city, DateOnly.Parse(from), DateOnly.Parse(to));

    [Description("Books a hotel room.")]
    // corpus: report
    public Task<string> BookHotel(string hotelId, string from, string to) => api.BookAsync(hotelId, DateOnly.Parse(from), DateOnly.Parse(to));

    [Description("Cancels a booking.")]
    // corpus: report
    public Task CancelBooking(string bookingId) => api.CancelAsync(bookingId);

    public IList<AITool> Tools() =>
    [
        AIFunctionFactory.Create(SearchHotels),
        AIFunctionFactory.Create(BookHotel),
        AIFunctionFactory.Create(CancelBooking, "cancel_booking"),
    ];
}

public static class BankingAgent
{
    public static IList<AITool> Tools(HttpClient bank)
    {
        [Description("Gets the balance of an account.")]
        // corpus: silent
        async Task<string> GetBalance(string account) => await bank.GetStringAsync($"/accounts/{account}/balance");

        [Description("Transfers money between two accounts.")]
        // corpus: report
        async Task<string> TransferFunds(string from, string to, decimal amount) =>
            (await bank.PostAsync($"/transfers?from={from}&to={to}&amount={amount}", null)).StatusCode.ToString();

        return
        [
            AIFunctionFactory.Create(GetBalance),
            AIFunctionFactory.Create(TransferFunds),
        ];
    }
}

public static class WeatherAgent
{
    [Description("Get the weather for a given location.")]
    // corpus: silent
    public static string GetWeather([Description("The location to get the weather for.")] string location) =>
        $"The weather in {location} is cloudy with a high of 15°C.";

    public static ChatOptions Options() => new() { Tools = [AIFunctionFactory.Create(GetWeather)] };
}

public static class AssistantTools
{
    public static IList<AITool> Create(HttpClient sms, string workspace) =>
    [
        AIFunctionFactory.Create(
            // corpus: report
            async (string phone, string text) => (await sms.PostAsync($"/messages?to={phone}", new StringContent(text))).StatusCode.ToString(),
            "send_sms",
            "Sends a text message to a phone number."),
        AIFunctionFactory.Create(
            // corpus: silent
            (string data) => $"<svg>{data}</svg>",
            "create_chart",
            "Creates a chart image from a data series."),
        AIFunctionFactory.Create(
            // corpus: silent
            () => DateTimeOffset.Now.ToString("R"),
            "current_time",
            "Returns the current local time."),
        AIFunctionFactory.Create(
            // corpus: report
            (string name, string content) => File.WriteAllText(Path.Combine(workspace, name), content),
            "save_draft",
            "Saves a draft document to the workspace."),
        AIFunctionFactory.Create(
            // corpus: silent
            (string text) => text.Length > 200 ? text[..200] + "..." : text,
            "summarize",
            "Summarizes a text."),
    ];
}

public static class HrAgent
{
    [Description("Deletes all personal data of an employee (GDPR request).")]
    // corpus: report
    public static string DeleteEmployeeData(string employeeId) => $"Deleted data of {employeeId}";

    [Description("Looks up an employee by name.")]
    // corpus: silent
    public static string FindEmployee(string name) => "E-1";

    public static IList<AITool> Tools() =>
    [
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create(DeleteEmployeeData, "delete_employee_data")),
        AIFunctionFactory.Create(FindEmployee, "find_employee"),
    ];
}
