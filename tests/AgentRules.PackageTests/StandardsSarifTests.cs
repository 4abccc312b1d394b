using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The SARIF a consumer build writes carries each AgentRules rule's OWASP and CWE mapping in <c>properties.tags</c>,
/// the way GitHub code scanning reads them (docs/standards.md).
/// </summary>
[Collection(PackageCollection.Name)]
public class StandardsSarifTests(PackageFixture package)
{
    [Theory]
    [InlineData("McpServer")]
    [InlineData("PromptsApp")]
    public void Every_AgentRules_rule_in_the_SARIF_log_carries_security_OWASP_and_CWE_tags(string name)
    {
        var consumer = package.CreateConsumer(name);
        var build = package.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());

        var logs = Directory.EnumerateFiles(consumer, "*.sarif", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(logs);

        var rules = new List<(string Id, string[] Tags)>();
        foreach (var log in logs)
        {
            using var sarif = JsonDocument.Parse(File.ReadAllText(log));
            foreach (var run in sarif.RootElement.GetProperty("runs").EnumerateArray())
            {
                // The log describes every rule that reported something, suppressed and info results included.
                foreach (var rule in run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray())
                {
                    var id = rule.GetProperty("id").GetString()!;
                    if (!id.StartsWith("AGR", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var tags = rule.TryGetProperty("properties", out var properties) && properties.TryGetProperty("tags", out var t)
                        ? t.EnumerateArray().Select(e => e.GetString()!).ToArray()
                        : [];
                    rules.Add((id, tags));
                }
            }
        }

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            Assert.True(rule.Tags.Contains("security"), $"{rule.Id}: no 'security' tag in [{string.Join(", ", rule.Tags)}]");
            Assert.True(rule.Tags.Any(t => t.StartsWith("external/cwe/cwe-", StringComparison.Ordinal)), $"{rule.Id}: no CWE tag");
            Assert.True(rule.Tags.Any(t => t.StartsWith("external/owasp-llm/", StringComparison.Ordinal) || t.StartsWith("external/owasp-asi/", StringComparison.Ordinal)), $"{rule.Id}: no OWASP tag");
        });

        if (name == "McpServer")
        {
            // The destructive, unscoped tool: the exact mapping of AGR0001 reaches the log.
            var agr0001 = rules.First(r => r.Id == "AGR0001").Tags;
            Assert.Superset(new HashSet<string> { "security", "external/owasp-llm/llm06", "external/owasp-asi/asi02", "external/owasp-asi/asi03", "external/cwe/cwe-284" }, agr0001.ToHashSet());
        }
    }
}
