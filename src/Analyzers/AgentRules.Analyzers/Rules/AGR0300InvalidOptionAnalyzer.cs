using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(AnalyzeCompilation);
    }

    private static void AnalyzeCompilation(CompilationAnalysisContext context)
    {
        var provider = context.Options.AnalyzerConfigOptionsProvider;
        var reported = new HashSet<(string Key, string Value)>();
        var seen = new HashSet<AnalyzerConfigOptions>();
        Check(provider.GlobalOptions);
        foreach (var tree in context.Compilation.SyntaxTrees)
        {
            var options = provider.GetOptions(tree);
            if (seen.Add(options))
            {
                Check(options);
            }
        }

        void Check(AnalyzerConfigOptions options)
        {
            foreach (var key in OptionValidation.AgentRulesKeys(options))
            {
                if (!options.TryGetValue(key, out var value))
                {
                    continue;
                }

                if (OptionValidation.Validate(key, value) is { } problem && reported.Add((key, value)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rule, Location.None, key, value.Trim(), problem));
                }
            }
        }
    }
}
