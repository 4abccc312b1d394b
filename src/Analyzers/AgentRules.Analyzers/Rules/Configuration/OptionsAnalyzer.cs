using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.Configuration;

/// <summary>
/// AGR0300: checks every <c>agentrules.*</c> option the project sets (in the global options and in each file's
/// <c>.editorconfig</c> options) and reports a value AgentRules cannot use, or an unknown key, once per key and value
/// for the compilation. The rules themselves ignore such values quietly; this is where the user hears about it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptionsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidOption);

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
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidOption, Location.None, key, value.Trim(), problem));
                }
            }
        }
    }
}
