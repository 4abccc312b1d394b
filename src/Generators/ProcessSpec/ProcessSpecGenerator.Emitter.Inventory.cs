using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgentRules.Generators.Infrastructure;

namespace AgentRules.Generators.ProcessSpec;

public sealed partial class ProcessSpecGenerator
{
    /// <summary>The inventory sections (format 2): agents, MCP servers, tools from referenced assemblies, approvals.</summary>
    public static partial class Emitter
    {
        private static void InventoryJson(JsonWriter w, ProcessSpecDocument spec)
        {
            w.StartArray("agents");
            foreach (var agent in spec.Agents)
            {
                w.StartObject();
                w.Property("name", agent.Name);
                w.Property("kind", agent.Kind);
                Location(w, "location", agent.Location);
                w.Property("instructions", agent.Instructions);
                w.Property("model", agent.Model);
                Strings(w, "tools", agent.Tools);
                Strings(w, "limits", agent.Limits);
                Strings(w, "approvals", agent.Approvals);
                w.EndObject();
            }

            w.EndArray();

            w.StartArray("mcpServers");
            foreach (var server in spec.McpServers)
            {
                w.StartObject();
                w.Property("name", server.Name);
                w.Property("transport", server.Transport);
                w.Property("target", server.Target);
                Location(w, "location", server.Location);
                w.EndObject();
            }

            w.EndArray();

            w.StartArray("externalTools");
            foreach (var external in spec.ExternalTools)
            {
                w.StartObject();
                w.Property("registration", external.Registration);
                w.Property("type", external.Type);
                w.Property("assembly", external.Assembly);
                Strings(w, "tools", external.Tools);
                Location(w, "location", external.Location);
                w.EndObject();
            }

            w.EndArray();

            w.StartArray("approvals");
            foreach (var approval in spec.Approvals)
            {
                w.StartObject();
                w.Property("kind", approval.Kind);
                w.Property("what", approval.What);
                Location(w, "location", approval.Location);
                w.EndObject();
            }

            w.EndArray();
        }

        private static void Strings(JsonWriter w, string name, IEnumerable<string> values)
        {
            w.StartArray(name);
            foreach (var value in values)
            {
                w.Element(value);
            }

            w.EndArray();
        }

        private static void InventoryMarkdown(StringBuilder md, ProcessSpecDocument spec)
        {
            md.Append("## Agents\n\n");
            if (spec.Agents.IsEmpty)
            {
                md.Append("None.\n\n");
            }
            else
            {
                md.Append("| Agent | Kind | Instructions | Model | Tools | Limits | Approvals | At |\n|---|---|---|---|---|---|---|---|\n");
                foreach (var agent in spec.Agents)
                {
                    md.Append("| ").Append(agent.Name is { } name ? Code(name) : "(unnamed)")
                        .Append(" | ").Append(Cell(agent.Kind))
                        .Append(" | ").Append(agent.Instructions is { } instructions ? (instructions == "undeclared" ? "**undeclared**" : Cell(instructions)) : "—")
                        .Append(" | ").Append(agent.Model is { } model ? Code(model) : "not stated")
                        .Append(" | ").Append(List(agent.Tools, Code))
                        .Append(" | ").Append(agent.Limits.IsEmpty ? "**none**" : List(agent.Limits, Cell))
                        .Append(" | ").Append(List(agent.Approvals, Cell))
                        .Append(" | ").Append(Code(agent.Location.ToString()))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            md.Append("## MCP servers\n\n");
            if (spec.McpServers.IsEmpty)
            {
                md.Append("None.\n\n");
            }
            else
            {
                md.Append("| Server | Transport | Command or endpoint | At |\n|---|---|---|---|\n");
                foreach (var server in spec.McpServers)
                {
                    md.Append("| ").Append(server.Name is { } name ? Code(name) : "(unnamed)")
                        .Append(" | ").Append(Cell(server.Transport))
                        .Append(" | ").Append(Code(server.Target))
                        .Append(" | ").Append(Code(server.Location.ToString()))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            if (!spec.ExternalTools.IsEmpty)
            {
                md.Append("## Tools from referenced assemblies\n\n");
                md.Append("| Registration | Type | Assembly | Tools | At |\n|---|---|---|---|---|\n");
                foreach (var external in spec.ExternalTools)
                {
                    md.Append("| ").Append(Code(external.Registration))
                        .Append(" | ").Append(Code(external.Type))
                        .Append(" | ").Append(Code(external.Assembly))
                        .Append(" | ").Append(List(external.Tools, Code))
                        .Append(" | ").Append(Code(external.Location.ToString()))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            md.Append("## Approvals\n\n");
            if (spec.Approvals.IsEmpty)
            {
                md.Append("None.\n\n");
            }
            else
            {
                md.Append("| Kind | What | At |\n|---|---|---|\n");
                foreach (var approval in spec.Approvals)
                {
                    md.Append("| ").Append(approval.Kind == "bypass" ? "**bypass**" : "gate")
                        .Append(" | ").Append(Cell(approval.What))
                        .Append(" | ").Append(Code(approval.Location.ToString()))
                        .Append(" |\n");
                }

                md.Append('\n');
            }
        }

        private static string List(EquatableArray<string> values, System.Func<string, string> format) =>
            values.IsEmpty ? "—" : string.Join(", ", values.Select(format));
    }
}
