using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentRules.Generators.Infrastructure;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tasks;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>
/// The JSON the generator and the build task write conforms to docs/process-spec.schema.json, and so does the spec the
/// sample commits: the documented format cannot drift from the real one.
/// </summary>
public class ProcessSpecSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("docs", "process-spec.schema.json"))).RootElement;

    [Fact]
    public void A_spec_with_every_section_filled_conforms_to_the_schema()
    {
        var spec = new ProcessSpecDocument(
            "Contoso.Agent",
            new[]
            {
                new SpecTool("delete_rows", "MCP", "Contoso.Db.DeleteRows", new SpecLocation("Db.cs", 3), "Deletes rows.", "destructive", "calls SqlCommand.ExecuteNonQuery", new[] { "Development" }.ToEquatableArray(), "attribute", "[RequiresApproval]", 5, 2, new[] { new SpecParameter("filter", "string", null) }.ToEquatableArray(), new[] { new SpecEnforcement("MCP server", "WithAgentRules()", new SpecLocation("Program.cs", 12)), new SpecEnforcement("generated wrapper", null, null) }.ToEquatableArray()),
                new SpecTool("lookup", "OpenAI", "OpenAI registration", new SpecLocation("Chat.cs", 8), null, "unknown", null, default, "none", null, null, null, default),
            }.ToEquatableArray(),
            new[] { new SpecPrompt("support.triage", 3, new string('a', 64), 120, "You triage.", new SpecLocation("Prompts.cs", 4), new[] { new SpecLocation("Chat.cs", 9) }.ToEquatableArray()) }.ToEquatableArray(),
            new[] { new SpecPromptSite("system message", new SpecLocation("Chat.cs", 9), "declared", "support.triage"), new SpecPromptSite("system message", new SpecLocation("Chat.cs", 12), "undeclared", null) }.ToEquatableArray(),
            new[] { new SpecLoop("while", new SpecLocation("Loop.cs", 20), "none", string.Empty, "kill switch", "KillSwitch.Global.IsTripped", "IChatClient.GetResponseAsync", new[] { "lookup" }.ToEquatableArray()) }.ToEquatableArray(),
            new[] { new SpecInvocationSite("UseFunctionInvocation()", new SpecLocation("Program.cs", 7), "framework default", 40, "framework default 40", "MaximumIterationsPerRequest defaults to 40") }.ToEquatableArray(),
            new[]
            {
                new SpecAgent("triage", "Agent Framework ChatClientAgent", new SpecLocation("Agents.cs", 4), "prompt support.triage", "gpt-4.1-mini", new[] { "delete_rows" }.ToEquatableArray(), new[] { "MaxCalls = 5" }.ToEquatableArray(), new[] { "delete_rows: [RequiresApproval]" }.ToEquatableArray()),
                new SpecAgent(null, "Agent Framework AsAIAgent", new SpecLocation("Agents.cs", 9), null, null, default, default, default),
            }.ToEquatableArray(),
            new[] { new SpecMcpServer("github", "stdio", "npx -y @modelcontextprotocol/server-github …", new SpecLocation("Servers.cs", 3)), new SpecMcpServer(null, "http", "…", new SpecLocation("Servers.cs", 9)) }.ToEquatableArray(),
            new[] { new SpecExternalTools("WithTools<BillingTools>()", "Contoso.Shared.BillingTools", "Contoso.Shared", new[] { "refund_invoice" }.ToEquatableArray(), new SpecLocation("Program.cs", 5)) }.ToEquatableArray(),
            new[] { new SpecApproval("gate", "[RequiresApproval] on delete_rows", new SpecLocation("Db.cs", 3)), new SpecApproval("bypass", "HostedMcpServerToolApprovalMode.NeverRequire: hosted MCP tools never require approval", new SpecLocation("Chat.cs", 20)) }.ToEquatableArray());

        var findings = new[] { new Finding("AGR0001", "Destructive tool has no environment scope", "warning", "Db.cs", 3) };
        var (_, json) = SpecComposer.Compose(ProcessSpecGenerator.Emitter.ToMarkdown(spec), ProcessSpecGenerator.Emitter.ToJson(spec), findings);

        AssertConforms(json);
        AssertConforms(SpecComposer.Compose(string.Empty, ProcessSpecGenerator.Emitter.ToJson(spec), null).Json);
    }

    [Fact]
    public void The_sample_spec_conforms_to_the_schema()
    {
        AssertConforms(File.ReadAllText(RepositoryPaths.Combine("samples", "SupportAgent", "AgentProcessSpec.json")));
    }

    [Fact]
    public void The_validator_rejects_what_the_schema_forbids()
    {
        const string Valid = """{ "formatVersion": 3, "project": "p", "summary": { "tools": 0, "destructiveTools": 0, "prompts": 0, "undeclaredPromptSites": 0, "agentLoops": 0, "functionInvocationSites": 0, "agents": 0, "mcpServers": 0, "approvalBypasses": 0 }, "tools": [], "prompts": [], "promptSites": [], "agentLoops": [], "functionInvocationSites": [], "agents": [], "mcpServers": [], "externalTools": [], "approvals": [], "processSha256": "0000000000000000000000000000000000000000000000000000000000000000", "findings": [] }""";
        AssertConforms(Valid);

        Assert.NotEmpty(Validate(JsonDocument.Parse(Valid.Replace("\"formatVersion\": 3", "\"formatVersion\": 2", StringComparison.Ordinal)).RootElement, Schema, "$"));
        Assert.NotEmpty(Validate(JsonDocument.Parse(Valid.Replace("\"project\": \"p\",", "\"project\": \"p\", \"extra\": true,", StringComparison.Ordinal)).RootElement, Schema, "$"));
        Assert.NotEmpty(Validate(JsonDocument.Parse(Valid.Replace("\"processSha256\": \"0000", "\"processSha256\": \"XX00", StringComparison.Ordinal)).RootElement, Schema, "$"));
        Assert.NotEmpty(Validate(JsonDocument.Parse(Valid.Replace("\"tools\": [],", string.Empty, StringComparison.Ordinal)).RootElement, Schema, "$"));
        Assert.NotEmpty(Validate(JsonDocument.Parse(Valid.Replace("\"agents\": [],", string.Empty, StringComparison.Ordinal)).RootElement, Schema, "$"));
        Assert.NotEmpty(Validate(JsonDocument.Parse(Valid.Replace("\"mcpServers\": []", "\"mcpServers\": [{ \"name\": null, \"transport\": \"pigeon\", \"target\": \"x\", \"location\": { \"path\": \"a.cs\", \"line\": 1 } }]", StringComparison.Ordinal)).RootElement, Schema, "$"));
    }

    private static void AssertConforms(string json)
    {
        var errors = Validate(JsonDocument.Parse(json).RootElement, Schema, "$");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    // The JSON Schema keywords the spec's schema uses: type, const, enum, pattern, minimum, required,
    // additionalProperties: false, properties, items and $ref into $defs.
    private static List<string> Validate(JsonElement value, JsonElement schema, string path)
    {
        var errors = new List<string>();
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            return Validate(value, Schema.GetProperty("$defs").GetProperty(name), path);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Is(value, t)))
            {
                errors.Add($"{path}: {value.ValueKind} is not {string.Join(" or ", allowed)}");
                return errors;
            }
        }

        if (schema.TryGetProperty("const", out var constant) && value.GetRawText() != constant.GetRawText())
        {
            errors.Add($"{path}: {value.GetRawText()} is not {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText()))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && value.ValueKind == JsonValueKind.String && !Regex.IsMatch(value.GetString()!, pattern.GetString()!))
        {
            errors.Add($"{path}: '{value.GetString()}' does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("minimum", out var minimum) && value.ValueKind == JsonValueKind.Number && value.GetDouble() < minimum.GetDouble())
        {
            errors.Add($"{path}: {value.GetDouble()} is below {minimum.GetDouble()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                errors.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)).Select(r => $"{path}: missing '{r}'"));
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    errors.AddRange(Validate(property.Value, propertySchema, path + "." + property.Name));
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: '{property.Name}' is not allowed");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                errors.AddRange(Validate(item, items, $"{path}[{i++}]"));
            }
        }

        return errors;
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
