using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using AgentRules.Tasks;
using Xunit;

namespace AgentRules.Tests.Tasks;

/// <summary>The build task's reading of the compiler's SARIF log and its completion of the spec documents.</summary>
public sealed class SpecTaskTests : IDisposable
{
    // Shaped like the log csc writes with ErrorLog=...,version=2.1 (trimmed to the fields read).
    private const string Sarif21 = """
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [
            {
              "results": [
                {
                  "ruleId": "AGR0001",
                  "level": "warning",
                  "message": { "text": "Destructive tool 'delete_customer' has no environment scope (declared Destructive = true)" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/app/Tools/Customer%20Tools.cs" }, "region": { "startLine": 21, "startColumn": 19 } } } ]
                },
                {
                  "ruleId": "AGR0002",
                  "level": "error",
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/app/Chat/Loop.cs" }, "region": { "startLine": 22 } } } ]
                },
                {
                  "ruleId": "AGR0003",
                  "level": "warning",
                  "suppressions": [ { "kind": "inSource" } ],
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/app/Chat/Loop.cs" }, "region": { "startLine": 22 } } } ]
                },
                {
                  "ruleId": "CS0168",
                  "level": "warning",
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/app/Program.cs" }, "region": { "startLine": 3 } } } ]
                },
                {
                  "ruleId": "AGR0001",
                  "level": "warning",
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/shared/Linked.cs" }, "region": { "startLine": 5 } } } ]
                }
              ],
              "tool": {
                "driver": {
                  "name": "Microsoft (R) Visual C# Compiler",
                  "rules": [
                    { "id": "AGR0001", "shortDescription": { "text": "Destructive tool has no environment scope" } },
                    { "id": "AGR0002", "shortDescription": { "text": "Agent loop has no iteration cap" } }
                  ]
                }
              }
            }
          ]
        }
        """;

    // SARIF 1.0, as csc writes without ",version=2.1".
    private const string Sarif10 = """
        {
          "version": "1.0.0",
          "runs": [
            {
              "results": [
                { "ruleId": "AGR0004", "level": "warning", "locations": [ { "resultFile": { "uri": "file:///repo/app/Chat/Prompts.cs", "region": { "startLine": 9 } } } ] }
              ],
              "rules": { "AGR0004": { "id": "AGR0004", "shortDescription": "Prompt is not versioned" } }
            }
          ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("agentrules-sarif-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reads_AgentRules_results_of_a_SARIF_2_1_log_without_suppressed_or_other_diagnostics()
    {
        var findings = SarifFindings.Read(Write("build.sarif", Sarif21), "/repo/app");

        Assert.Equal(
            [
                new Finding("AGR0001", "Destructive tool has no environment scope", "warning", "Linked.cs", 5),
                new Finding("AGR0001", "Destructive tool has no environment scope", "warning", "Tools/Customer Tools.cs", 21),
                new Finding("AGR0002", "Agent loop has no iteration cap", "error", "Chat/Loop.cs", 22),
            ],
            findings);
    }

    [Fact]
    public void Reads_a_SARIF_1_0_log()
    {
        var finding = Assert.Single(SarifFindings.Read(Write("build.sarif", Sarif10), "/repo/app/"));
        Assert.Equal(new Finding("AGR0004", "Prompt is not versioned", "warning", "Chat/Prompts.cs", 9), finding);
    }

    [Theory]
    [InlineData("{ \"runs\": [ { \"results\": [ }")]
    [InlineData("[1, 2")]
    [InlineData("{ \"a\": \"\\q\" }")]
    public void Malformed_JSON_is_a_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => MiniJson.Parse(json));
    }

    [Fact]
    public void Composed_documents_add_findings_and_the_process_hash_the_app_sees()
    {
        const string Markdown = "# Agent process spec: App\n\n## Tools\n\nNone.\n\n";
        const string Json = "{\n  \"formatVersion\": 1,\n  \"project\": \"App\"\n}\n";
        var findings = SarifFindings.Read(Write("build.sarif", Sarif21), "/repo/app");

        var (markdown, json) = SpecComposer.Compose(Markdown, Json, findings);

        Assert.StartsWith(Markdown + "## Findings\n\nThe AgentRules diagnostics this build reported (3 in all)", markdown, StringComparison.Ordinal);
        Assert.Contains("| [AGR0001](https://github.com/agentrules/AgentRules/blob/main/docs/rules/AGR0001.md) | Destructive tool has no environment scope | warning | 2 | `Linked.cs:5`, `Tools/Customer Tools.cs:21` |", markdown, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("App", root.GetProperty("project").GetString());
        Assert.Equal(SpecComposer.Sha256Hex(Json), root.GetProperty("processSha256").GetString());
        Assert.Equal(["AGR0001", "AGR0002"], root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        Assert.Equal(2, root.GetProperty("findings")[0].GetProperty("count").GetInt32());
        Assert.Equal(22, root.GetProperty("findings")[1].GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_log_or_without_findings_the_spec_says_so()
    {
        const string Json = "{\n  \"formatVersion\": 1\n}\n";
        var (unavailable, unavailableJson) = SpecComposer.Compose("# Spec\n\n", Json, null);
        Assert.EndsWith("## Findings\n\nNot available: the compiler's diagnostics log (ErrorLog) was not found.\n", unavailable, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(unavailableJson).RootElement.GetProperty("findings").ValueKind);

        var (none, noneJson) = SpecComposer.Compose("# Spec\n\n", Json, []);
        Assert.EndsWith("## Findings\n\nNone: the build reported no AgentRules diagnostics.\n", none, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(noneJson).RootElement.GetProperty("findings").GetArrayLength());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void The_task_reports_the_catalogue_id_for_an_out_of_date_spec()
    {
        Assert.Equal(AgentRules.Analyzers.Diagnostics.DiagnosticIds.ProcessSpecOutOfDate, WriteAgentProcessSpec.SpecOutOfDateCode);
        Assert.Equal(AgentRules.Analyzers.Diagnostics.DiagnosticIds.ProcessSpecNotWritten, WriteAgentProcessSpec.SpecWriteFailedCode);
    }
}
