using System.ComponentModel;
using AgentRules;

namespace SupportAgent.Agent;

// Tools AgentRules cannot wrap: each of these reaches no guarded invoker and no generated AIFunction, and the build
// says why. SupportDeskTools is the good form.

// Bad: not partial, so the generator cannot add the guard to it.
public sealed class TicketArchiveTools
{
    [AgentTool("archive_ticket"), DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval]
    [Description("Archives a closed ticket.")]
    // expect: AGR0100
    public static string ArchiveTicket(int ticketId) => $"Archived ticket {ticketId}.";
}

public sealed partial class TicketTools
{
    // Bad: a stream cannot come from the model's JSON arguments (good: take the text, or a record of what is needed).
    [AgentTool("attach_file"), DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval]
    [Description("Attaches a file to a ticket.")]
    public static string AttachFile(int ticketId,
        // expect: AGR0101
        Stream content) => $"Attached {content.Length} bytes to ticket {ticketId}.";

    // Bad: the model cannot choose T.
    [AgentTool("read_setting"), ReadOnlyTool]
    [Description("Reads a support desk setting.")]
    // expect: AGR0102
    public static T ReadSetting<T>(string key) => default!;

    // Bad: the model only sees the return value; 'status' would be lost.
    [AgentTool("try_find_ticket"), ReadOnlyTool]
    [Description("Finds a ticket.")]
    public static bool TryFindTicket(int ticketId,
        // expect: AGR0103
        out string status)
    {
        status = "open";
        return ticketId > 0;
    }

    // Good: one name per tool.
    [AgentTool("find_ticket"), ReadOnlyTool]
    [Description("Finds a ticket by id.")]
    public static string FindTicket(int ticketId) => $"Ticket {ticketId}: open.";

    // Bad: a second tool named find_ticket; the model could not tell them apart.
    [AgentTool("find_ticket"), ReadOnlyTool]
    [Description("Finds a ticket by its reference.")]
    // expect: AGR0105
    public static string FindTicketByReference(string reference) => $"Ticket {reference}: open.";
}
