using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>
/// A calibration aid, not a check: with REALCODE_DIR set to a folder of folders of .cs files (one folder per public
/// repository, e.g. their tool files), compiles each folder as far as it goes and writes what the engine sees about
/// every tool to REALCODE_DIR/../realcode.txt: form, name, effect and evidence, scope, and whether AGR0001 fires.
/// Read it to find false alarms and misses. Without REALCODE_DIR it does nothing.
/// </summary>
public class RealCodeCalibration
{
    [Fact]
    public async Task Dump_the_engine_view_of_real_code_when_REALCODE_DIR_is_set()
    {
        var dir = Environment.GetEnvironmentVariable("REALCODE_DIR");
        if (dir is null) return;
        var sb = new StringBuilder();
        foreach (var repo in Directory.GetDirectories(dir).OrderBy(d => d))
        {
            var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { AllowCompilerErrors = true };
            var files = Directory.GetFiles(repo, "*.cs").OrderBy(f => f).ToList();
            foreach (var f in files) test.Sources.Add(File.ReadAllText(f));
            var project = test.CreateProject(test.Sources, test.AdditionalFiles);
            var compilation = (await project.GetCompilationAsync())!;
            var context = ToolSafetyContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
            if (context is null) continue;
            foreach (var tool in context.GetAllTools(default))
            {
                var span = tool.Location.GetLineSpan();
                var idx = int.Parse(Path.GetFileNameWithoutExtension(span.Path).Substring(4));
                var file = Path.GetFileName(files[idx]);
                var agr1 = tool.Effect.Effect == ToolEffect.Destructive && tool.Scope is null ? "AGR0001" : "       ";
                var evidence = tool.Effect.Deciding?.Text ?? (tool.Effect.IsConflicting ? "CONFLICT: " + string.Join("; ", tool.Effect.Evidence.Select(e => e.Text)) : "-");
                var description = (tool.Description ?? "").Replace('\n', ' ');
                if (description.Length > 90)
                {
                    description = description[..90];
                }

                sb.AppendLine($"{agr1} | {Path.GetFileName(repo)} | {file}:{span.StartLinePosition.Line + 1} | {tool.Form} | {tool.Name} | {tool.Effect.Effect} | {evidence} | scope: {tool.Scope?.Description ?? "-"} | desc: {description}");
            }
        }
        File.WriteAllText(Path.Combine(dir, "..", "realcode.txt"), sb.ToString());
    }
}
