using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using AgentRules.Generators.Infrastructure;

namespace AgentRules.Generators.ProcessSpec;

public sealed partial class ProcessSpecGenerator
{
    /// <summary>
    /// Renders a <see cref="ProcessSpecDocument"/> as Markdown (for people, in review) and JSON (for tools; schema in
    /// docs/process-spec.schema.json), and as the C# class that carries both into the compiled assembly. Output is
    /// deterministic: the document's lists are already sorted, nothing here adds time, machine or absolute paths.
    /// </summary>
    public static partial class Emitter
    {
        public const string ClassName = "AgentProcessSpec";

        /// <summary>About the JSON document's length (a few hundred characters an entry), for sizing the writers.</summary>
        private static int EstimatedLength(ProcessSpecDocument spec) =>
            4096 + (512 * (spec.Tools.Count + spec.Prompts.Count + spec.PromptSites.Count + spec.Loops.Count + spec.InvocationSites.Count
                + spec.Agents.Count + spec.McpServers.Count + spec.ExternalTools.Count + spec.Approvals.Count));

        public static string ToJson(ProcessSpecDocument spec)
        {
            // One buffer of about the document's size instead of a chain of doubling chunks.
            var w = new JsonWriter(EstimatedLength(spec));
            w.StartObject();
            w.Property("formatVersion", ProcessSpecDocument.FormatVersion);
            w.Property("project", spec.Project);

            w.StartObject("summary");
            w.Property("tools", spec.Tools.Count);
            w.Property("destructiveTools", spec.Tools.Count(t => t.Effect == "destructive"));
            w.Property("prompts", spec.Prompts.Count);
            w.Property("undeclaredPromptSites", spec.PromptSites.Count(s => s.Source == "undeclared"));
            w.Property("agentLoops", spec.Loops.Count);
            w.Property("functionInvocationSites", spec.InvocationSites.Count);
            w.Property("agents", spec.Agents.Count);
            w.Property("mcpServers", spec.McpServers.Count);
            w.Property("approvalBypasses", spec.Approvals.Count(a => a.Kind == "bypass"));
            w.EndObject();

            w.StartArray("tools");
            foreach (var tool in spec.Tools)
            {
                w.StartObject();
                w.Property("name", tool.Name);
                w.Property("form", tool.Form);
                w.Property("declaredBy", tool.DeclaredBy);
                Location(w, "location", tool.Location);
                w.Property("description", tool.Description);
                w.StartObject("effect");
                w.Property("kind", tool.Effect);
                w.Property("evidence", tool.EffectEvidence);
                w.EndObject();
                w.StartObject("environmentScope");
                w.Property("kind", tool.Scope);
                w.StartArray("environments");
                foreach (var environment in tool.Environments)
                {
                    w.Element(environment);
                }

                w.EndArray();
                w.EndObject();
                w.Property("approval", tool.Approval);
                if (tool.MaxCalls is null && tool.Cost is null)
                {
                    w.Property("budget", (string?)null);
                }
                else
                {
                    w.StartObject("budget");
                    w.Property("maxCalls", tool.MaxCalls);
                    w.Property("cost", tool.Cost);
                    w.EndObject();
                }

                w.StartArray("enforcedBy");
                foreach (var guard in tool.EnforcedBy)
                {
                    w.StartObject();
                    w.Property("pipeline", guard.Pipeline);
                    w.Property("registration", guard.Registration);
                    if (guard.Location is { } at)
                    {
                        Location(w, "location", at);
                    }
                    else
                    {
                        w.Property("location", (string?)null);
                    }

                    w.EndObject();
                }

                w.EndArray();

                w.StartArray("parameters");
                foreach (var parameter in tool.Parameters)
                {
                    w.StartObject();
                    w.Property("name", parameter.Name);
                    w.Property("type", parameter.Type);
                    w.Property("description", parameter.Description);
                    w.EndObject();
                }

                w.EndArray();
                w.EndObject();
            }

            w.EndArray();

            w.StartArray("prompts");
            foreach (var prompt in spec.Prompts)
            {
                w.StartObject();
                w.Property("id", prompt.Id);
                w.Property("version", prompt.Version);
                w.Property("sha256", prompt.Sha256);
                w.Property("length", prompt.Length);
                w.Property("firstLine", prompt.FirstLine);
                Location(w, "location", prompt.Location);
                w.StartArray("usedAt");
                foreach (var used in prompt.UsedAt)
                {
                    Location(w, null, used);
                }

                w.EndArray();
                w.EndObject();
            }

            w.EndArray();

            w.StartArray("promptSites");
            foreach (var site in spec.PromptSites)
            {
                w.StartObject();
                w.Property("kind", site.Kind);
                Location(w, "location", site.Location);
                w.Property("source", site.Source);
                w.Property("promptId", site.PromptId);
                w.EndObject();
            }

            w.EndArray();

            w.StartArray("agentLoops");
            foreach (var loop in spec.Loops)
            {
                w.StartObject();
                w.Property("kind", loop.Kind);
                Location(w, "location", loop.Location);
                w.StartObject("cap");
                w.Property("kind", loop.Cap);
                w.Property("description", loop.CapDescription);
                w.EndObject();
                w.StartObject("stop");
                w.Property("kind", loop.Stop);
                w.Property("description", loop.StopDescription);
                w.EndObject();
                w.Property("llmCall", loop.LlmCall);
                w.StartArray("tools");
                foreach (var tool in loop.Tools)
                {
                    w.Element(tool);
                }

                w.EndArray();
                w.EndObject();
            }

            w.EndArray();

            w.StartArray("functionInvocationSites");
            foreach (var site in spec.InvocationSites)
            {
                w.StartObject();
                w.Property("kind", site.Kind);
                Location(w, "location", site.Location);
                w.StartObject("cap");
                w.Property("kind", site.Cap);
                w.Property("value", site.CapValue);
                w.Property("description", site.CapDescription);
                w.EndObject();
                w.Property("detail", site.Detail);
                w.EndObject();
            }

            w.EndArray();

            InventoryJson(w, spec);

            w.EndObject();
            return w.ToString();
        }

        public static string ToMarkdown(ProcessSpecDocument spec)
        {
            var md = new StringBuilder(EstimatedLength(spec) / 2);
            md.Append("# Agent process spec: ").Append(spec.Project).Append("\n\n");
            md.Append("<!-- Generated by AgentRules from the code at build. Do not edit: change the code, rebuild, review the diff, commit. -->\n\n");

            var destructive = spec.Tools.Count(t => t.Effect == "destructive");
            var undeclared = spec.PromptSites.Count(s => s.Source == "undeclared");
            md.Append("| | |\n|---|---|\n");
            var external = spec.ExternalTools.Sum(e => e.Tools.Count);
            md.Append("| Tools | ").Append(spec.Tools.Count).Append(" (").Append(destructive).Append(" destructive)")
                .Append(external > 0 ? "; " + external.ToString(CultureInfo.InvariantCulture) + " from referenced assemblies" : string.Empty).Append(" |\n");
            md.Append("| Prompts | ").Append(spec.Prompts.Count).Append(" declared; ").Append(undeclared).Append(" undeclared prompt site").Append(undeclared == 1 ? "" : "s").Append(" |\n");
            md.Append("| Agent loops | ").Append(spec.Loops.Count).Append(" |\n");
            md.Append("| Function-invocation sites | ").Append(spec.InvocationSites.Count).Append(" |\n");
            md.Append("| Agents | ").Append(spec.Agents.Count).Append(" |\n");
            md.Append("| MCP servers connected to | ").Append(spec.McpServers.Count).Append(" |\n");
            md.Append("| Approval bypasses | ").Append(spec.Approvals.Count(a => a.Kind == "bypass")).Append(" |\n\n");

            md.Append("## Tools\n\n");
            if (spec.Tools.IsEmpty)
            {
                md.Append(external > 0 ? "None declared in this project; see [Tools from referenced assemblies](#tools-from-referenced-assemblies).\n\n" : "None.\n\n");
            }
            else
            {
                md.Append("| Tool | Form | Effect | Environments | Approval | Budget | Enforced by | Declared at |\n|---|---|---|---|---|---|---|---|\n");
                foreach (var tool in spec.Tools)
                {
                    md.Append("| ").Append(Code(tool.Name))
                        .Append(" | ").Append(Cell(tool.Form))
                        .Append(" | ").Append(Cell(tool.EffectEvidence is null ? tool.Effect : tool.Effect + " (" + tool.EffectEvidence + ")"))
                        .Append(" | ").Append(Environments(tool))
                        .Append(" | ").Append(Cell(tool.Approval ?? "none"))
                        .Append(" | ").Append(Budget(tool))
                        .Append(" | ").Append(EnforcedBy(tool))
                        .Append(" | ").Append(Code(tool.Location.ToString()))
                        .Append(" |\n");
                }

                md.Append('\n');
                foreach (var tool in spec.Tools)
                {
                    md.Append("### ").Append(Code(tool.Name)).Append("\n\n");
                    if (!string.IsNullOrWhiteSpace(tool.Description))
                    {
                        md.Append(OneLine(tool.Description!)).Append("\n\n");
                    }

                    md.Append("- Declared by: ").Append(Code(tool.DeclaredBy)).Append('\n');
                    if (tool.Parameters.IsEmpty)
                    {
                        md.Append("- Parameters: none\n\n");
                    }
                    else
                    {
                        md.Append("- Parameters:\n");
                        foreach (var parameter in tool.Parameters)
                        {
                            md.Append("  - ").Append(Code(parameter.Name)).Append(" (").Append(Code(parameter.Type)).Append(')');
                            if (!string.IsNullOrWhiteSpace(parameter.Description))
                            {
                                md.Append(": ").Append(OneLine(parameter.Description!));
                            }

                            md.Append('\n');
                        }

                        md.Append('\n');
                    }
                }
            }

            md.Append("## Prompts\n\n");
            if (spec.Prompts.IsEmpty)
            {
                md.Append("None declared.\n\n");
            }
            else
            {
                md.Append("| Id | Version | SHA-256 | Length | First line | Declared at | Used at |\n|---|---|---|---|---|---|---|\n");
                foreach (var prompt in spec.Prompts)
                {
                    md.Append("| ").Append(Code(prompt.Id))
                        .Append(" | ").Append(prompt.Version.ToString(CultureInfo.InvariantCulture))
                        .Append(" | ").Append(Code(prompt.Sha256.Length > 12 ? prompt.Sha256.Substring(0, 12) : prompt.Sha256))
                        .Append(" | ").Append(prompt.Length.ToString(CultureInfo.InvariantCulture))
                        .Append(" | ").Append(Cell(prompt.FirstLine))
                        .Append(" | ").Append(Code(prompt.Location.ToString()))
                        .Append(" | ").Append(prompt.UsedAt.IsEmpty ? "—" : string.Join(", ", prompt.UsedAt.Select(l => Code(l.ToString()))))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            md.Append("## Prompt sites\n\n");
            if (spec.PromptSites.IsEmpty)
            {
                md.Append("None.\n\n");
            }
            else
            {
                md.Append("| At | Kind | Prompt |\n|---|---|---|\n");
                foreach (var site in spec.PromptSites)
                {
                    md.Append("| ").Append(Code(site.Location.ToString()))
                        .Append(" | ").Append(Cell(site.Kind))
                        .Append(" | ").Append(site.PromptId is { } id ? Code(id) : site.Source == "undeclared" ? "**undeclared**" : Cell(site.Source))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            md.Append("## Agent loops\n\n");
            if (spec.Loops.IsEmpty)
            {
                md.Append("None.\n\n");
            }
            else
            {
                md.Append("| At | Kind | Cap | Stop | Model call | Tools |\n|---|---|---|---|---|---|\n");
                foreach (var loop in spec.Loops)
                {
                    md.Append("| ").Append(Code(loop.Location.ToString()))
                        .Append(" | ").Append(Cell(loop.Kind))
                        .Append(" | ").Append(loop.Cap == "none" ? "**none**" : Cell(loop.Cap + ": " + loop.CapDescription))
                        .Append(" | ").Append(loop.Stop == "none" ? "**none**" : Cell(loop.Stop + ": " + loop.StopDescription))
                        .Append(" | ").Append(Code(loop.LlmCall))
                        .Append(" | ").Append(loop.Tools.IsEmpty ? "—" : string.Join(", ", loop.Tools.Select(Code)))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            md.Append("## Function-invocation sites\n\n");
            if (spec.InvocationSites.IsEmpty)
            {
                md.Append("None.\n\n");
            }
            else
            {
                md.Append("| At | Site | Cap | Detail |\n|---|---|---|---|\n");
                foreach (var site in spec.InvocationSites)
                {
                    md.Append("| ").Append(Code(site.Location.ToString()))
                        .Append(" | ").Append(Code(site.Kind))
                        .Append(" | ").Append(site.Cap is "removed" or "framework default" or "not configurable" ? "**" + Cell(site.CapDescription) + "**" : Cell(site.CapDescription))
                        .Append(" | ").Append(Cell(site.Detail))
                        .Append(" |\n");
                }

                md.Append('\n');
            }

            InventoryMarkdown(md, spec);
            return md.ToString();
        }

        /// <summary>The C# class that carries the documents into the compiled assembly (read by the build task, and by the app at run time).</summary>
        public static string ToSource(string? @namespace, string markdown, string json, bool designTime)
        {
            var w = new SourceWriter();
            w.WriteLine("// <auto-generated/>");
            w.WriteLine("#nullable enable");
            w.WriteLine();
            if (!string.IsNullOrEmpty(@namespace))
            {
                w.WriteLine("namespace " + @namespace + ";");
                w.WriteLine();
            }

            w.WriteLine("/// <summary>");
            w.WriteLine("/// The agent process spec of this assembly: its tools, prompts, agent loops and function-invocation sites,");
            w.WriteLine("/// as written to AgentProcessSpec.md and AgentProcessSpec.json at build (the files add the build's open");
            w.WriteLine("/// findings). Log <see cref=\"Sha256\"/> at startup: it is the files' processSha256, so a log line names the");
            w.WriteLine("/// exact spec a running agent was built from.");
            if (designTime)
            {
                w.WriteLine("/// The documents are compiled in only by command-line builds with AgentRulesSpecEmbed=true; otherwise (and");
                w.WriteLine("/// in the IDE) they are empty, and the spec files are still written at build.");
            }

            w.WriteLine("/// </summary>");
            w.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode(\"AgentRules.Generators\", \"1.0\")]");
            w.OpenBlock("internal static class " + ClassName);
            w.WriteLine("/// <summary>The version of the JSON format.</summary>");
            w.WriteLine("public const int FormatVersion = " + ProcessSpecDocument.FormatVersion.ToString(CultureInfo.InvariantCulture) + ";");
            w.WriteLine();
            w.WriteLine("/// <summary>SHA-256 of <see cref=\"Json\"/> (lowercase hex); empty when no spec was computed.</summary>");
            w.WriteLine("public const string Sha256 = " + SourceWriter.StringLiteral(json.Length == 0 ? string.Empty : Sha256Hex(json)) + ";");
            w.WriteLine();
            w.WriteLine("/// <summary>The spec as JSON (docs/process-spec.schema.json).</summary>");
            w.WriteLine("public const string Json = " + SourceWriter.StringLiteral(json) + ";");
            w.WriteLine();
            w.WriteLine("/// <summary>The spec as Markdown.</summary>");
            w.WriteLine("public const string Markdown = " + SourceWriter.StringLiteral(markdown) + ";");
            w.CloseBlock();
            return w.ToString();
        }

        public static string Sha256Hex(string text)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var hex = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        private static void Location(JsonWriter w, string? name, SpecLocation location)
        {
            w.StartObject(name);
            w.Property("path", location.Path);
            w.Property("line", location.Line);
            w.EndObject();
        }

        private static string Environments(SpecTool tool) => tool.Scope switch
        {
            "attribute" => Cell(string.Join(", ", tool.Environments)),
            "environment check" => "guarded by an environment check",
            _ => tool.Effect == "destructive" ? "**any**" : "any",
        };

        /// <summary>The guards that enforce the tool's controls; **not enforced** when it declares some and none does.</summary>
        private static string EnforcedBy(SpecTool tool)
        {
            if (tool.EnforcedBy.IsEmpty)
            {
                return tool.DeclaresControls ? "**not enforced**" : "—";
            }

            return string.Join(", ", tool.EnforcedBy.Select(g => g.Registration is null
                ? Cell(g.Pipeline)
                : Cell(g.Pipeline) + " " + Code(g.Registration) + (g.Location is { } at ? " (" + Code(at.ToString()) + ")" : string.Empty)));
        }

        private static string Budget(SpecTool tool)
        {
            if (tool.MaxCalls is null && tool.Cost is null)
            {
                return "—";
            }

            var parts = new System.Collections.Generic.List<string>();
            if (tool.MaxCalls is { } max)
            {
                parts.Add(max.ToString(CultureInfo.InvariantCulture) + " calls");
            }

            if (tool.Cost is { } cost)
            {
                parts.Add("cost " + cost.ToString(CultureInfo.InvariantCulture));
            }

            return string.Join(", ", parts);
        }

        private static readonly char[] LineBreaks = ['\r', '\n'];

        private static string OneLine(string text) => string.Join(" ", text.Split(LineBreaks, System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

        private static string Cell(string text) => OneLine(text).Replace("|", "\\|");

        private static string Code(string text) => text.IndexOf('`') >= 0 ? Cell(text) : "`" + OneLine(text).Replace("|", "\\|") + "`";
    }
}
