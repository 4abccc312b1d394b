// Corpus: Semantic Kernel plugins in the shapes of the SK docs and samples (lights, pizza orders, e-mail, calendar,
// math, time) and of line-of-business plugins.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using AgentRules;
using Microsoft.SemanticKernel;

namespace Corpus.SemanticKernel;

public sealed class LightModel
{
    [JsonPropertyName("id")] public int Id { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("is_on")] public bool? IsOn { get; set; }
}

public sealed class LightsPlugin
{
    private readonly List<LightModel> _lights = new() { new() { Id = 1, Name = "Table Lamp", IsOn = false } };

    [KernelFunction("get_lights"), Description("Gets a list of lights and their current state")]
    // corpus: silent
    public Task<List<LightModel>> GetLightsAsync() => Task.FromResult(_lights);

    [KernelFunction("change_state"), Description("Changes the state of the light")]
    // corpus: report
    public Task<LightModel?> ChangeStateAsync(int id, bool isOn)
    {
        var light = _lights.FirstOrDefault(l => l.Id == id);
        if (light is not null)
        {
            light.IsOn = isOn;
        }

        return Task.FromResult(light);
    }
}

public interface IPizzaService
{
    Task<string> GetMenu();
    Task<string> AddPizzaToCart(string size, string[] toppings, int quantity);
    Task<string> RemovePizzaFromCart(int pizzaId);
    Task<string> GetCart(Guid cartId);
    Task<string> Checkout(Guid cartId, Guid paymentId);
}

public sealed class OrderPizzaPlugin(IPizzaService pizzaService)
{
    [KernelFunction("get_pizza_menu")]
    // corpus: silent
    public Task<string> GetPizzaMenuAsync() => pizzaService.GetMenu();

    [KernelFunction("add_pizza_to_cart"), Description("Add a pizza to the user's cart; returns the new item and updated cart")]
    // corpus: report
    public Task<string> AddPizzaToCart(string size = "Medium", string[]? toppings = null, int quantity = 1) =>
        pizzaService.AddPizzaToCart(size, toppings ?? Array.Empty<string>(), quantity);

    [KernelFunction("remove_pizza_from_cart")]
    // corpus: report
    public Task<string> RemovePizzaFromCart(int pizzaId) => pizzaService.RemovePizzaFromCart(pizzaId);

    [KernelFunction("get_pizza_from_cart"), Description("Returns the specific details of a pizza in the user's cart")]
    // corpus: silent
    public Task<string> GetPizzaFromCart(Guid cartId) => pizzaService.GetCart(cartId);

    [KernelFunction("checkout"), Description("Checkouts the user's cart; this function will retrieve the payment from the user and complete the order")]
    // corpus: report
    public Task<string> Checkout(Guid cartId, Guid paymentId) => pizzaService.Checkout(cartId, paymentId);
}

public interface IMailClient
{
    Task SendAsync(string to, string subject, string body);
    Task<IReadOnlyList<string>> InboxAsync(int top);
}

public sealed class EmailPlugin(IMailClient mail)
{
    [KernelFunction, Description("Sends an email to a recipient.")]
    // corpus: report
    public async Task SendEmailAsync(Kernel kernel, [Description("Comma-separated recipient addresses")] string recipientEmails, string subject, string body) =>
        await mail.SendAsync(recipientEmails, subject, body);

    [KernelFunction, Description("Reads the latest messages of the inbox.")]
    // corpus: silent
    public async Task<string> ReadInboxAsync(int top = 10) => string.Join("\n", await mail.InboxAsync(top));
}

public interface ICalendar
{
    Task<string> CreateEventAsync(string title, DateTimeOffset start, TimeSpan duration);
    Task<string[]> EventsAsync(DateOnly day);
    Task CancelAsync(string eventId);
}

[Description("Manages the user's calendar.")]
public sealed class CalendarPlugin(ICalendar calendar)
{
    [KernelFunction("create_event"), Description("Creates a calendar event.")]
    // corpus: report
    public Task<string> CreateEvent(string title, DateTimeOffset start, int minutes) => calendar.CreateEventAsync(title, start, TimeSpan.FromMinutes(minutes));

    [KernelFunction("list_events"), Description("Lists the events of a day.")]
    // corpus: silent
    public async Task<string> ListEvents(string day) => string.Join(", ", await calendar.EventsAsync(DateOnly.Parse(day)));

    [KernelFunction("cancel_meeting"), Description("Cancels a meeting and notifies attendees.")]
    // corpus: report
    public Task CancelMeeting(string eventId) => calendar.CancelAsync(eventId);

    [KernelFunction("find_free_slot"), Description("Finds the first free slot of a given length.")]
    // corpus: silent
    public Task<string> FindFreeSlot(int minutes) => Task.FromResult("10:00");
}

public sealed class MathPlugin
{
    [KernelFunction, Description("Add two numbers")]
    // corpus: silent
    public static double Add([Description("The first number to add")] double number1, [Description("The second number to add")] double number2) => number1 + number2;

    [KernelFunction, Description("Subtract two numbers")]
    // corpus: silent
    public static double Subtract(double number1, double number2) => number1 - number2;

    [KernelFunction, Description("Take the square root of a number")]
    // corpus: silent
    public static double Sqrt(double number1) => Math.Sqrt(number1);
}

public sealed class TimePlugin
{
    [KernelFunction, Description("Get the current date")]
    // corpus: silent
    public static string Today() => DateTime.UtcNow.ToString("D");

    [KernelFunction, Description("Get the current time")]
    // corpus: silent
    public static string Time() => DateTime.UtcNow.ToString("T");
}

public interface IHrSystem
{
    Task<string> EmployeeAsync(string id);
    Task TerminateAsync(string id);
    Task ApproveLeaveAsync(string requestId);
}

public sealed class HrPlugin(IHrSystem hr)
{
    [KernelFunction("get_employee"), Description("Gets an employee record.")]
    // corpus: silent
    public Task<string> GetEmployee(string id) => hr.EmployeeAsync(id);

    [KernelFunction("offboard_employee"), Description("Terminates an employee's contract and revokes their access.")]
    // corpus: report
    public Task OffboardEmployee(string id) => hr.TerminateAsync(id);

    [KernelFunction("approve_leave"), Description("Approves a leave request.")]
    [EnvironmentScope("Development", "Staging")]
    // corpus: silent
    public Task ApproveLeave(string requestId) => hr.ApproveLeaveAsync(requestId);

    [KernelFunction("leave_balance"), Description("Shows how many days of leave an employee has left.")]
    // corpus: silent
    public Task<string> LeaveBalance(string id) => Task.FromResult("12");
}
