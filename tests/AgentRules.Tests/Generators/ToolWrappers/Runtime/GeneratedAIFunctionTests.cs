using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Tests.Runtime;
using Microsoft.Extensions.AI;
using Xunit;

namespace AgentRules.Tests.Generators.ToolWrappers.Runtime;

/// <summary>The generated AIFunctions, invoked the way a chat client invokes tools: schema, binding, errors, guard, tracing.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class GeneratedAIFunctionTests : IDisposable
{
    private readonly TestTools _tools = new();

    public GeneratedAIFunctionTests()
    {
        KillSwitch.Global.Reset();
        AgentEnvironment.Set(AgentEnvironment.Development);
    }

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        AgentEnvironment.Reset();
    }

    private AIFunction Function(string name, ToolGuard? guard = null)
    {
        var tool = TestTools.CreateAIFunctions(_tools, guard ?? new ToolGuard()).Single(t => t.Name == name);
        return tool as AIFunction ?? throw new InvalidOperationException(name + " is not an AIFunction");
    }

    /// <summary>Arguments as a chat client passes them: JSON elements parsed from the model's JSON.</summary>
    private static AIFunctionArguments Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        var arguments = new AIFunctionArguments();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    private static string Schema(AIFunction function) => function.JsonSchema.GetRawText();

    [Fact]
    public void Factory_lists_only_tools_allowed_in_the_current_environment()
    {
        var names = TestTools.CreateAIFunctions(_tools, new ToolGuard()).Select(t => t.Name).ToList();
        Assert.Equal(["get_customer", "sum", "primitives", "nullables", "collections", "ship", "wait", "close_ticket", "fail", "ping"], names);

        AgentEnvironment.Set(AgentEnvironment.Production);
        var production = TestTools.CreateAIFunctions(_tools, new ToolGuard()).Select(t => t.Name).ToList();
        Assert.DoesNotContain("ship", production);
        Assert.DoesNotContain("close_ticket", production);
        Assert.Contains("get_customer", production);

        var staging = TestTools.CreateAIFunctions(_tools, new ToolGuard(new ToolGuardOptions { Environment = "Staging" })).Select(t => t.Name).ToList();
        Assert.Contains("close_ticket", staging);
        Assert.DoesNotContain("ship", staging);
    }

    [Fact]
    public void Tools_that_require_approval_come_wrapped()
    {
        var tools = TestTools.CreateAIFunctions(_tools, new ToolGuard());
#pragma warning disable MEAI001 // experimental in some versions
        var close = Assert.IsType<ApprovalRequiredAIFunction>(tools.Single(t => t.Name == "close_ticket"));
        Assert.IsType<ApprovalRequiredAIFunction>(tools.Single(t => t.Name == "ship"));
        Assert.IsNotType<ApprovalRequiredAIFunction>(tools.Single(t => t.Name == "get_customer"));
#pragma warning restore MEAI001
        Assert.Equal("Closes a support ticket.", close.Description);
    }

    [Fact]
    public void Name_description_and_schema_are_written_at_compile_time()
    {
        var function = Function("get_customer");

        Assert.Equal("get_customer", function.Name);
        Assert.Equal("Looks up a customer by id.", function.Description);
        Assert.Equal("""{"type":"object","properties":{"customerId":{"description":"The customer id.","type":"integer"},"region":{"type":["string","null"],"default":null}},"required":["customerId"]}""", Schema(function));
        Assert.Null(function.UnderlyingMethod);
    }

    [Fact]
    public void Schema_of_every_primitive_type()
    {
        Assert.Equal(
            """{"type":"object","properties":{"flag":{"description":"A boolean.","type":"boolean"},"b":{"type":"integer"},"sb":{"type":"integer"},"s":{"type":"integer"},"us":{"type":"integer"},"i":{"type":"integer"},"ui":{"type":"integer"},"l":{"type":"integer"},"ul":{"type":"integer"},"f":{"type":"number"},"d":{"type":"number"},"m":{"type":"number"},"id":{"type":"string","format":"uuid"},"at":{"type":"string","format":"date-time"},"when":{"type":"string","format":"date-time"},"priority":{"type":"string","enum":["Low","Normal","Urgent"]}},"required":["flag","b","sb","s","us","i","ui","l","ul","f","d","m","id","at","when","priority"]}""",
            Schema(Function("primitives")));
    }

    [Fact]
    public void Schema_of_nullable_collection_and_record_types()
    {
        Assert.Equal(
            """{"type":"object","properties":{"count":{"type":["integer","null"]},"priority":{"type":["string","null"],"enum":["Low","Normal","Urgent",null]},"note":{"type":["string","null"]},"id":{"type":["string","null"],"format":"uuid","default":null}},"required":["count","priority","note"]}""",
            Schema(Function("nullables")));
        Assert.Equal(
            """{"type":"object","properties":{"ids":{"type":"array","items":{"type":"integer"}},"names":{"type":"array","items":{"type":"string"}},"scores":{"type":"array","items":{"type":"number"}},"priorities":{"type":"array","items":{"type":"string","enum":["Low","Normal","Urgent"]}},"optional":{"type":["array","null"],"items":{"type":["integer","null"]},"default":null}},"required":["ids","names","scores","priorities"]}""",
            Schema(Function("collections")));
        Assert.Equal(
            """{"type":"object","properties":{"orderId":{"type":"integer"},"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"description":"The city name.","type":"string"},"zip":{"type":["string","null"],"default":null}},"required":["street","city"]},"lines":{"type":"array","items":{"type":"object","properties":{"text":{"type":"string"},"quantity":{"type":"integer","default":1},"tags":{"type":["array","null"],"items":{"type":"string"},"default":null}},"required":["text"]}},"billing":{"type":["object","null"],"properties":{"street":{"type":"string"},"city":{"description":"The city name.","type":"string"},"zip":{"type":["string","null"],"default":null}},"required":["street","city"],"default":null}},"required":["orderId","address","lines"]}""",
            Schema(Function("ship")));
        Assert.Equal("""{"type":"object","properties":{}}""", Schema(Function("ping")));
    }

    [Fact]
    public async Task Binds_every_primitive_from_JSON()
    {
        var result = await Function("primitives").InvokeAsync(Json("""
            {"flag":true,"b":255,"sb":-128,"s":-32768,"us":65535,"i":-5,"ui":4000000000,"l":-9000000000,"ul":18000000000000000000,
             "f":1.5,"d":2.25,"m":19.99,"id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","at":"2026-03-01T12:30:00Z",
             "when":"2026-03-01T12:30:00+02:00","priority":"urgent"}
            """));

        Assert.Equal("ok", result);
        Assert.Equal(
            new object[] { true, (byte)255, (sbyte)-128, (short)-32768, (ushort)65535, -5, 4_000_000_000u, -9_000_000_000L, 18_000_000_000_000_000_000UL, 1.5f, 2.25d, 19.99m, Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc), new DateTimeOffset(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(2)), TicketPriority.Urgent },
            _tools.LastArguments);
    }

    [Fact]
    public async Task Binds_CLR_values_and_numbers_sent_as_strings()
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var arguments = new AIFunctionArguments
        {
            ["flag"] = "false",
            ["b"] = 7,
            ["sb"] = (short)-3,
            ["s"] = "12",
            ["us"] = 9L,
            ["i"] = 42.0,
            ["ui"] = "17",
            ["l"] = 5,
            ["ul"] = 6,
            ["f"] = "0.5",
            ["d"] = 3,
            ["m"] = "1,234.50",
            ["id"] = Guid.Empty,
            ["at"] = at,
            ["when"] = "2026-01-02T03:04:05Z",
            ["priority"] = 2,
        };

        Assert.Equal("ok", await Function("primitives").InvokeAsync(arguments));
        Assert.Equal(new object[] { false, (byte)7, (sbyte)-3, (short)12, (ushort)9, 42, 17u, 5L, 6UL, 0.5f, 3d, 1234.50m, Guid.Empty, at, new DateTimeOffset(at), TicketPriority.Urgent }, _tools.LastArguments);
    }

    [Fact]
    public async Task Binds_nulls_and_defaults()
    {
        Assert.Equal("ok", await Function("nullables").InvokeAsync(Json("""{"count":null,"priority":null,"note":null}""")));
        Assert.Equal(new object?[] { null, null, null, null }, _tools.LastArguments);

        Assert.Equal("ok", await Function("nullables").InvokeAsync(Json("""{"count":3,"priority":"Low","note":"hi","id":"6f9619ff-8b86-d011-b42d-00c04fc964ff"}""")));
        Assert.Equal(new object?[] { 3, TicketPriority.Low, "hi", Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff") }, _tools.LastArguments);

        Assert.Equal("customer 1", await Function("get_customer").InvokeAsync(Json("""{"customerId":1,"region":null}""")));
        Assert.Equal("customer 2 in EU", await Function("get_customer").InvokeAsync(Json("""{"CustomerId":2,"REGION":"EU"}""")));
    }

    [Fact]
    public async Task Binds_arrays_lists_and_arrays_sent_as_JSON_strings()
    {
        var result = await Function("collections").InvokeAsync(Json("""
            {"ids":[1,2,3],"names":["a","b"],"scores":"[0.5, 1]","priorities":["Low","Urgent"],"optional":[1,null]}
            """));

        Assert.Equal("ok", result);
        Assert.Equal(new[] { 1, 2, 3 }, (int[])_tools.LastArguments[0]!);
        Assert.Equal(["a", "b"], (List<string>)_tools.LastArguments[1]!);
        Assert.Equal([0.5, 1.0], (IReadOnlyList<double>)_tools.LastArguments[2]!);
        Assert.Equal([TicketPriority.Low, TicketPriority.Urgent], (IEnumerable<TicketPriority>)_tools.LastArguments[3]!);
        Assert.Equal([1, null], (IList<int?>)_tools.LastArguments[4]!);

        var clr = new AIFunctionArguments { ["ids"] = new List<long> { 4 }, ["names"] = Array.Empty<string>(), ["scores"] = new[] { 2.5 }, ["priorities"] = new[] { "normal" } };
        Assert.Equal("ok", await Function("collections").InvokeAsync(clr));
        Assert.Equal(new[] { 4 }, (int[])_tools.LastArguments[0]!);
        Assert.Null(_tools.LastArguments[4]);
    }

    [Fact]
    public async Task Binds_records_nested_in_lists_and_accepts_record_instances()
    {
        var result = await Function("ship").InvokeAsync(Json("""
            {"orderId":100,"address":{"street":"1 Main St","CITY":"Springfield"},
             "lines":[{"text":"Mug","quantity":2,"tags":["fragile"]},{"text":"Tea"}],
             "billing":"{\"street\":\"2 Side St\",\"city\":\"Shelbyville\",\"zip\":\"12345\"}"}
            """));

        Assert.Equal("shipped 100", result);
        Assert.Equal(new ShippingAddress("1 Main St", "Springfield"), _tools.LastArguments[1]);
        var lines = (IReadOnlyList<TicketLine>)_tools.LastArguments[2]!;
        Assert.Equal(("Mug", 2, "fragile"), (lines[0].Text, lines[0].Quantity, lines[0].Tags!.Single()));
        Assert.Equal(new TicketLine("Tea"), lines[1]);
        Assert.Equal(new ShippingAddress("2 Side St", "Shelbyville", "12345"), _tools.LastArguments[3]);

        var address = new ShippingAddress("3 Elm St", "Ogdenville");
        var clr = new AIFunctionArguments { ["orderId"] = 101, ["address"] = address, ["lines"] = new[] { new Dictionary<string, object?> { ["text"] = "Cup" } } };
        Assert.Equal("shipped 101", await Function("ship").InvokeAsync(clr));
        Assert.Same(address, _tools.LastArguments[1]);
        Assert.Equal(new TicketLine("Cup"), ((IReadOnlyList<TicketLine>)_tools.LastArguments[2]!)[0]);
    }

    [Theory]
    [InlineData("""{}""", "Invalid arguments for tool 'get_customer': the required argument 'customerId' (an integer) is missing.")]
    [InlineData("""{"customerId":"abc"}""", "Invalid arguments for tool 'get_customer': argument 'customerId' must be an integer, but got \"abc\".")]
    [InlineData("""{"customerId":1.5}""", "Invalid arguments for tool 'get_customer': argument 'customerId' must be an integer, but got 1.5.")]
    [InlineData("""{"customerId":3000000000}""", "Invalid arguments for tool 'get_customer': argument 'customerId' must be an integer, but got 3000000000.")]
    [InlineData("""{"customerId":null}""", "Invalid arguments for tool 'get_customer': argument 'customerId' must be an integer, but got null.")]
    [InlineData("""{"customerId":{"id":1}}""", "Invalid arguments for tool 'get_customer': argument 'customerId' must be an integer, but got {\"id\":1}.")]
    public async Task Missing_or_wrong_arguments_return_an_error_to_the_model_and_do_not_run_the_tool(string json, string expected)
    {
        var result = await Function("get_customer").InvokeAsync(Json(json));

        Assert.Equal(expected, result);
        Assert.Equal(0, _tools.Calls);
    }

    [Fact]
    public async Task Wrong_enum_array_and_record_arguments_name_what_was_expected()
    {
        Assert.Equal(
            "Invalid arguments for tool 'close_ticket': argument 'priority' must be one of 'Low', 'Normal', 'Urgent', but got \"Critical\".",
            await Function("close_ticket").InvokeAsync(Json("""{"ticketId":1,"priority":"Critical"}""")));
        Assert.Equal(
            "Invalid arguments for tool 'collections': argument 'ids' must be an array of integers, but got [1,\"x\"].",
            await Function("collections").InvokeAsync(Json("""{"ids":[1,"x"],"names":[],"scores":[],"priorities":[]}""")));
        Assert.Equal(
            "Invalid arguments for tool 'ship': argument 'address' must be an object with street (a string), city (a string), zip (a string or null), but got {\"street\":\"1 Main St\"}.",
            await Function("ship").InvokeAsync(Json("""{"orderId":1,"address":{"street":"1 Main St"},"lines":[]}""")));
        Assert.Equal(0, _tools.Calls);
    }

    [Fact]
    public async Task Omitted_optional_arguments_take_their_defaults()
    {
        Assert.Null(await Function("close_ticket").InvokeAsync(Json("""{"ticketId":9}""")));
        Assert.Equal(new object[] { 9, TicketPriority.Normal }, _tools.LastArguments);
    }

    [Fact]
    public async Task Cancellation_token_of_the_call_reaches_the_tool()
    {
        using var cancellation = new CancellationTokenSource();
        Assert.Equal("waited 1", await Function("wait").InvokeAsync(Json("""{"milliseconds":1}"""), cancellation.Token));
        Assert.Equal(cancellation.Token, _tools.LastToken);
        Assert.DoesNotContain("cancellationToken", Schema(Function("wait")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guard_refusals_are_returned_to_the_model_as_results()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 5 });
        var get = Function("get_customer", guard);
        var close = (AIFunction)TestTools.CreateAIFunctions(_tools, guard).Single(t => t.Name == "close_ticket");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("customer 7", await get.InvokeAsync(Json("""{"customerId":7}""")));
        }

        Assert.Equal("Tool call refused (duplicate): 'get_customer' was just called 3 times in a row with the same arguments. Use the earlier result or change the arguments.", await get.InvokeAsync(Json("""{"customerId":7}""")));
        Assert.Null(await close.InvokeAsync(Json("""{"ticketId":1}""")));
        Assert.Null(await close.InvokeAsync(Json("""{"ticketId":2}""")));
        Assert.Equal("Tool call refused (budget): 'get_customer' was not run because the session's budget of 5 tool calls is spent.", await get.InvokeAsync(Json("""{"customerId":8}""")));

        guard.Reset();
        KillSwitch.Global.Trip("incident 4711");
        var refused = (string?)await get.InvokeAsync(Json("""{"customerId":9}"""));
        Assert.StartsWith("Tool call refused (kill switch): 'get_customer' was not run because the kill switch 'global' is tripped (incident 4711).", refused, StringComparison.Ordinal);
        Assert.Equal(5, _tools.Calls);
    }

    [Fact]
    public async Task Environment_is_checked_again_at_call_time()
    {
        var close = Function("close_ticket");
        AgentEnvironment.Set(AgentEnvironment.Production);

        var result = await close.InvokeAsync(Json("""{"ticketId":1}"""));

        Assert.Equal("Tool call refused (environment): 'close_ticket' may run only in Development, Staging; this session runs in Production.", result);
        Assert.Equal(0, _tools.Calls);
    }

    [Fact]
    public async Task Tool_exceptions_propagate_and_are_traced_as_errors()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "AgentRules",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Function("fail").InvokeAsync(Json("""{"message":"boom"}""")));
        await Function("get_customer").InvokeAsync(Json("""{"customerId":1}"""));

        var failed = stopped.Single(a => a.DisplayName == "execute_tool fail");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("System.InvalidOperationException", failed.GetTagItem("error.type"));
        var ok = stopped.Single(a => a.DisplayName == "execute_tool get_customer");
        Assert.Equal("execute_tool", ok.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("get_customer", ok.GetTagItem("gen_ai.tool.name"));
        Assert.Equal(ActivityStatusCode.Unset, ok.Status);
    }
}
