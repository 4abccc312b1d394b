using System.Collections.Immutable;
using AgentRules.Analyzers.Recognition.Tools;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>What tool names and descriptions say, word by word.</summary>
public class ToolVerbsTests
{
    [Theory]
    [InlineData("delete_customer", ToolEffect.Destructive, "delete")]
    [InlineData("DeleteCustomerAsync", ToolEffect.Destructive, "Delete")]
    [InlineData("customer-delete", ToolEffect.Destructive, "delete")]
    [InlineData("processRefund", ToolEffect.Destructive, "Refund")]
    [InlineData("github_create_issue", ToolEffect.Destructive, "create")]
    [InlineData("send_email", ToolEffect.Destructive, "send")]
    [InlineData("email_customer", ToolEffect.Destructive, "email")]
    [InlineData("log_workout", ToolEffect.Destructive, "log")]
    [InlineData("run_command", ToolEffect.Destructive, "run")]
    [InlineData("turn_on_light", ToolEffect.Destructive, "turn")]
    [InlineData("get_weather", ToolEffect.ReadOnly, "get")]
    [InlineData("ListOrders", ToolEffect.ReadOnly, "List")]
    [InlineData("vector_store_search", ToolEffect.ReadOnly, "search")]
    [InlineData("git_status", ToolEffect.ReadOnly, "status")]
    [InlineData("get_or_create_session", ToolEffect.ReadOnly, "get")]
    [InlineData("execute_raw_select", ToolEffect.Unknown, "execute")]
    [InlineData("run_query", ToolEffect.Unknown, "run")]
    [InlineData("email_search", ToolEffect.Unknown, "email")]
    [InlineData("create_chart", ToolEffect.Unknown, "create")]
    [InlineData("write_poem", ToolEffect.Unknown, "write")]
    [InlineData("customer_email", ToolEffect.Unknown, null)]
    [InlineData("audit_log", ToolEffect.ReadOnly, "audit")]
    [InlineData("Run", ToolEffect.Unknown, null)]
    [InlineData("RunAgent", ToolEffect.Unknown, null)]
    [InlineData("execute_code", ToolEffect.Destructive, "execute")]
    [InlineData("ExecuteRefund", ToolEffect.Destructive, "Refund")]
    [InlineData("TrimStart", ToolEffect.Unknown, null)]
    [InlineData("Log", ToolEffect.Unknown, null)]
    [InlineData("process_return", ToolEffect.Unknown, null)]
    [InlineData("complete_todo", ToolEffect.Destructive, "complete")]
    [InlineData("CompleteChat", ToolEffect.Unknown, "Complete")]
    [InlineData("edit_image", ToolEffect.Unknown, "edit")]
    [InlineData("edit_file", ToolEffect.Destructive, "edit")]
    [InlineData("launch_browser", ToolEffect.Unknown, "launch")]
    [InlineData("set_breakpoint", ToolEffect.Unknown, "set")]
    [InlineData("stop_timer", ToolEffect.Unknown, "stop")]
    [InlineData("stop_web_app", ToolEffect.Destructive, "stop")]
    [InlineData("set_blob_metadata", ToolEffect.Destructive, "set")]
    [InlineData("order_status", ToolEffect.Unknown, "order")]
    [InlineData("flush_database", ToolEffect.Destructive, "flush")]
    [InlineData("stop", ToolEffect.Unknown, "stop")]
    [InlineData("start_insights_query", ToolEffect.Unknown, "start")]
    [InlineData("delete_breakpoint", ToolEffect.Unknown, "delete")]
    [InlineData("clear_cache", ToolEffect.Unknown, "clear")]
    [InlineData("prepare_delete_lines", ToolEffect.Unknown, null)]
    [InlineData("weather", ToolEffect.Unknown, null)]
    [InlineData("SayHello", ToolEffect.Unknown, null)]
    public void Names(string name, ToolEffect effect, string? word)
    {
        var verdict = ToolVerbs.Default.ClassifyName(name);
        Assert.Equal(effect, verdict.Effect);
        Assert.Equal(word, verdict.Word);
    }

    [Theory]
    [InlineData("Deletes the customer and all their orders.", ToolEffect.Destructive, "Deletes")]
    [InlineData("Use this tool to send a message to a Slack channel.", ToolEffect.Destructive, "send")]
    [InlineData("Permanently removes a file.", ToolEffect.Destructive, "removes")]
    [InlineData("Searches the knowledge base.", ToolEffect.ReadOnly, "Searches")]
    [InlineData("Returns the current time in UTC.", ToolEffect.ReadOnly, "Returns")]
    [InlineData("Queries the inventory.", ToolEffect.ReadOnly, "Queries")]
    [InlineData("Creates a summary of the document.", ToolEffect.Unknown, null)]
    [InlineData("Creates a new issue in the repository.", ToolEffect.Destructive, "Creates")]
    [InlineData("Runs a GraphQL query.", ToolEffect.Unknown, null)]
    [InlineData("The weather service.", ToolEffect.Unknown, null)]
    [InlineData("Accepts a POCO as input.", ToolEffect.Unknown, null)]
    [InlineData("Blocks until the first task completes.", ToolEffect.Unknown, null)]
    [InlineData("A tool that completes quickly.", ToolEffect.Unknown, null)]
    [InlineData("Marks a todo item as done.", ToolEffect.Destructive, "Marks")]
    public void Description_first_verbs(string description, ToolEffect effect, string? word)
    {
        var verdict = ToolVerbs.Default.ClassifyDescription(description, out _);
        Assert.Equal(effect, verdict.Effect);
        Assert.Equal(word, verdict.Word);
    }

    [Theory]
    [InlineData("Removes the tenant. This cannot be undone.", ToolEffect.Destructive)]
    [InlineData("Runs a read-only query against the warehouse.", ToolEffect.ReadOnly)]
    [InlineData("A non-destructive dry run of the migration.", ToolEffect.ReadOnly)]
    [InlineData("Lists files.", ToolEffect.Unknown)]
    public void Description_phrases(string description, ToolEffect effect)
    {
        ToolVerbs.Default.ClassifyDescription(description, out var phrase);
        Assert.Equal(effect, phrase.Effect);
    }

    [Fact]
    public void Configured_words_are_added_and_removed()
    {
        var verbs = new ToolVerbs(ImmutableArray.Create("archive", "-close", "Tally"), ImmutableArray.Create("tally", "-get"));
        Assert.Equal(ToolEffect.Destructive, verbs.ClassifyName("archive_ticket").Effect);
        Assert.Equal(ToolEffect.Unknown, verbs.ClassifyName("close_ticket").Effect);
        Assert.Equal(ToolEffect.ReadOnly, verbs.ClassifyName("tally_votes").Effect); // the later list wins for a word in both
        Assert.Equal(ToolEffect.Unknown, verbs.ClassifyName("get_weather").Effect);
    }

    [Theory]
    [InlineData("DeleteCustomerAsync", "Delete Customer")]
    [InlineData("HTTPGetStatus", "HTTP Get Status")]
    [InlineData("get_user_v2", "get user v 2")]
    [InlineData("files.delete", "files delete")]
    public void Words(string name, string expected) =>
        Assert.Equal(expected, string.Join(" ", ToolVerbs.SplitWords(name)));
}
