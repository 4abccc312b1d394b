using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0300: checks every <c>agentrules.*</c> option the project sets (in the global options and in each file's
/// <c>.editorconfig</c> options) and reports a value AgentRules cannot use, or an unknown key, once per key and value
/// for the compilation. The rules themselves ignore such values quietly; this is where the user hears about it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0300InvalidOptionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// AGR0300: an <c>agentrules.*</c> option has a value AgentRules cannot use, or an unknown key. Reported once per
    /// key and value for the compilation, without a location (the option may come from any .editorconfig).
    /// </summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.InvalidOption,
        title: "Invalid AgentRules option",
        messageFormat: "AgentRules option '{0} = {1}' is ignored: {2}",
        DiagnosticCategories.Configuration,
        DiagnosticSeverity.Warning,
        description: "An agentrules.* key in .editorconfig or .globalconfig has a value AgentRules cannot use (not a number, no entries, an entry that is not a type or method name), or the key is not one AgentRules reads (a typo). The value, or the entry, is ignored and the rules use their defaults; fix the value so the rules behave as you configured them.",
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        // Generated files too: their .editorconfig options are the project's options as much as any other file's.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Each file's options are read when that file is analyzed, not in a walk over every file of the
            // compilation: after an edit the IDE analyzes the edited file only, and a build reads each file's options
            // in the per-file pass it makes anyway. Reported when the compilation is done, once per key and value.
            var problems = new ConcurrentDictionary<(string Key, string Value), string>();
            start.RegisterSyntaxTreeAction(c => Collect(c.Options.AnalyzerConfigOptionsProvider.GetOptions(c.Tree), problems));
            start.RegisterCompilationEndAction(end =>
            {
                Collect(end.Options.AnalyzerConfigOptionsProvider.GlobalOptions, problems);
                foreach (var problem in problems.OrderBy(p => p.Key.Key, StringComparer.Ordinal).ThenBy(p => p.Key.Value, StringComparer.Ordinal))
                {
                    end.ReportDiagnostic(Diagnostic.Create(Rule, Location.None, problem.Key.Key, problem.Key.Value.Trim(), problem.Value));
                }
            });
        });
    }

    /// <summary>Adds what is wrong with each <c>agentrules.*</c> value of <paramref name="options"/> (the first finding per key and value).</summary>
    private static void Collect(AnalyzerConfigOptions options, ConcurrentDictionary<(string Key, string Value), string> problems)
    {
        foreach (var key in OptionValidation.AgentRulesKeys(options))
        {
            if (options.TryGetValue(key, out var value) && OptionValidation.Validate(key, value) is { } problem)
            {
                problems.TryAdd((key, value), problem);
            }
        }
    }
}
