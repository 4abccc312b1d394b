using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>
/// Generates, for every partial type with <c>[AgentTool]</c> methods: tool descriptors, a guarded invoker per tool
/// (kill switch, environment, budget and duplicate checks before the call) and, when Microsoft.Extensions.AI is
/// referenced, a reflection-free AIFunction per tool with its JSON schema written at compile time and a
/// <c>CreateAIFunctions(instance, guard)</c> factory that leaves out-of-scope tools out.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ToolWrapperGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Per method, keyed on syntax: the attributed methods of each tree are found once per tree object (an edit
        // makes one new tree; the others are the same objects in the next compilation). A method's model depends
        // only on declarations, never on bodies, so the parse below is keyed on the method's node and on the
        // declarations the remembered tools were read from: after an edit inside any body, or to declarations no tool
        // was read from, it is not run at all (Cached); after other declaration edits the memo binds again only
        // methods whose trees, types or names changed.
        // (ForAttributeWithMetadataName would re-run the transform for every tool on every compilation.)
        // [AgentTool] written by name, through a same-file alias or through a global using alias of any file.
        var tools = new AttributedMembers("AgentTool", static node => node switch
        {
            MethodDeclarationSyntax method => method.AttributeLists,
            LocalFunctionStatementSyntax local => local.AttributeLists,
            _ => null,
        });
        var candidates = tools.Candidates(context.SyntaxProvider);
        var globalAliases = AttributedMembers.GlobalAliases(context.SyntaxProvider);

        // The declarations as the tools see them (DependencyMemo.For): equal to the last compilation's unless the
        // environment, a tree a remembered tool was read from, or a type name such a tree mentions changed.
        var memo = new DependencyMemo<AgentToolParseResult>();
        var declarations = context.CompilationProvider
            .Combine(candidates.Collect().Combine(globalAliases).Select((pair, _) => memo.CandidatesChanged(tools.AnyQualifies(pair.Left, pair.Right))))
            .Select((pair, cancellationToken) => pair.Right ? memo.For(DeclarationFacts.Of(pair.Left, cancellationToken)) : null)
            .WithTrackingName(TrackingNames.Declarations);

        var methods = candidates
            .Combine(declarations.Combine(globalAliases))
            .Select((pair, cancellationToken) => pair.Right.Left is { } facts && tools.Qualifies(pair.Left, pair.Right.Right) ? Parser.ParseCandidate(pair.Left, facts.Declarations, memo, cancellationToken) : null)
            .WithTrackingName(TrackingNames.Methods)
            .Where(static result => result is not null)
            .Select(static (result, _) => result!);

        // Per compilation: which framework types exist and the assembly-level environment scope. This step runs on
        // every compilation change, but it only resolves a few types by name and reads the assembly's attributes, and
        // its small equatable output keeps everything downstream cached when nothing relevant changed.
        var options = context.CompilationProvider
            .Combine(context.ParseOptionsProvider)
            .Select(static (pair, _) => Parser.ReadOptions(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Options);

        // Per type: the tools of one partial type, in source order, duplicates by name removed.
        var types = methods
            .Collect()
            .SelectMany(static (results, _) => Group(results))
            .WithTrackingName(TrackingNames.Types);

        // Hint names compare ignoring case in Roslyn: types whose names differ only in case (or only in characters a
        // hint name cannot hold) get distinct, deterministic names. Almost always empty, so it stays cached.
        var clashingHintNames = types
            .Select(static (group, _) => group.Container.FullName)
            .Collect()
            .Select(static (names, _) => HintNames.Clashing(names))
            .WithTrackingName(TrackingNames.HintNames);

        context.RegisterSourceOutput(
            types.Combine(options).Combine(clashingHintNames).WithTrackingName(TrackingNames.Output),
            static (production, input) => production.AddSource(
                HintNames.For(input.Left.Left.Container.FullName, input.Right),
                SourceText.From(Emitter.Emit(input.Left.Left, input.Left.Right), Encoding.UTF8)));

        // Diagnostics are reported with real source locations (so #pragma warning disable works), which means
        // looking the tree up in the current compilation: a separate, output-only step that does work only when a
        // method has a problem.
        var problems = methods
            .Where(static r => !r.Diagnostics.IsEmpty || r.Tool is not null)
            .Select(static (r, _) => new ProblemInput(r.Diagnostics, r.Container?.FullName, r.Container?.DisplayName, r.Tool?.Name, r.FilePath, r.NameSpan))
            .Collect()
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(problems.Combine(context.CompilationProvider), static (production, pair) => ReportDiagnostics(production, pair.Left, pair.Right));
    }

    private static ImmutableArray<ToolTypeGroup> Group(ImmutableArray<AgentToolParseResult> results)
    {
        var order = new List<string>();
        var byType = new Dictionary<string, (ToolContainerModel Container, List<AgentToolModel> Tools, HashSet<string> Names)>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.Container is not { } container || result.Tool is not { } tool)
            {
                continue;
            }

            if (!byType.TryGetValue(container.FullName, out var entry))
            {
                entry = (container, new List<AgentToolModel>(), new HashSet<string>(StringComparer.Ordinal));
                byType.Add(container.FullName, entry);
                order.Add(container.FullName);
            }

            if (entry.Names.Add(tool.Name))
            {
                entry.Tools.Add(tool);
            }
        }

        var groups = ImmutableArray.CreateBuilder<ToolTypeGroup>(order.Count);
        foreach (var name in order)
        {
            var entry = byType[name];
            groups.Add(new ToolTypeGroup(entry.Container, entry.Tools.ToEquatableArray()));
        }

        return groups.MoveToImmutable();
    }

    private static void ReportDiagnostics(SourceProductionContext production, ImmutableArray<ProblemInput> inputs, Compilation compilation)
    {
        Dictionary<string, SyntaxTree>? trees = null;
        var seenNames = new HashSet<(string, string)>();
        var hasAIFunction = false;
        var checkedAIFunction = false;
        foreach (var input in inputs)
        {
            foreach (var diagnostic in input.Diagnostics)
            {
                if (diagnostic.OnlyWithAIFunctions)
                {
                    if (!checkedAIFunction)
                    {
                        hasAIFunction = Parser.HasAIFunctionType(compilation);
                        checkedAIFunction = true;
                    }

                    if (!hasAIFunction)
                    {
                        continue;
                    }
                }

                Report(production, compilation, ref trees, Descriptor(diagnostic.Id), diagnostic.FilePath, diagnostic.Span, diagnostic.Arguments);
            }

            if (input.ContainerName is { } container && input.ToolName is { } tool && !seenNames.Add((container, tool)))
            {
                var arguments = new[] { tool, input.ContainerDisplayName ?? container }.ToEquatableArray();
                Report(production, compilation, ref trees, DiagnosticDescriptors.DuplicateAgentToolName, input.FilePath, input.NameSpan, arguments);
            }
        }
    }

    private static void Report(SourceProductionContext production, Compilation compilation, ref Dictionary<string, SyntaxTree>? trees, DiagnosticDescriptor descriptor, string filePath, TextSpan span, EquatableArray<string> arguments)
    {
        if (trees is null)
        {
            trees = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                trees[tree.FilePath] = tree;
            }
        }

        var location = trees.TryGetValue(filePath, out var found) && span.End <= found.Length ? Location.Create(found, span) : Location.None;
        var args = new object[arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i];
        }

        production.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));
    }

    private static DiagnosticDescriptor Descriptor(string id) => id switch
    {
        DiagnosticIds.AgentToolTypeNotPartial => DiagnosticDescriptors.AgentToolTypeNotPartial,
        DiagnosticIds.AgentToolParameterTypeNotSupported => DiagnosticDescriptors.AgentToolParameterTypeNotSupported,
        DiagnosticIds.AgentToolIsGeneric => DiagnosticDescriptors.AgentToolIsGeneric,
        DiagnosticIds.AgentToolHasByRefParameter => DiagnosticDescriptors.AgentToolHasByRefParameter,
        DiagnosticIds.AgentToolNeedsNewerLanguageVersion => DiagnosticDescriptors.AgentToolNeedsNewerLanguageVersion,
        _ => DiagnosticDescriptors.DuplicateAgentToolName,
    };

    private sealed record ProblemInput(EquatableArray<ToolDiagnosticInfo> Diagnostics, string? ContainerName, string? ContainerDisplayName, string? ToolName, string FilePath, TextSpan NameSpan);
}
