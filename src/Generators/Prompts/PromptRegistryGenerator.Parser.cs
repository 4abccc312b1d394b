using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Generators.Prompts;

public sealed partial class PromptRegistryGenerator
{
    /// <summary>Symbols and options in, values out.</summary>
    internal static class Parser
    {
        /// <summary>
        /// The prompt declared by <paramref name="node"/> (a field's declarator, a property or a method with an
        /// attribute written like [Prompt]), or null. Remembered with the trees it was read from (see DependencyMemo).
        /// </summary>
        public static PromptModel? FromCandidate(SyntaxNode node, CompilationDeclarations declarations, DependencyMemo<PromptModel> memo, CancellationToken cancellationToken) =>
            memo.Get(
                node,
                declarations,
                compilation =>
                {
                    // Binding only members whose declarations changed (see DependencyMemo).
                    var model = SemanticModels.Create(compilation, node.SyntaxTree);
                    var dependencies = new MemberDependencies(compilation, declarations, cancellationToken);
                    dependencies.AddTree(node.SyntaxTree);
                    var member = model.GetDeclaredSymbol(node, cancellationToken);
                    if (member is null || FindPromptAttributeClass(member) is not { } attributeClass)
                    {
                        return (null, dependencies.Result);
                    }

                    dependencies.AddAttributes(member);
                    dependencies.AddDeclarations(member);
                    if (member is IMethodSymbol { PartialImplementationPart: { } implementation })
                    {
                        dependencies.AddDeclarations(implementation);
                    }

                    for (var type = member.ContainingType; type is not null; type = type.ContainingType)
                    {
                        dependencies.AddDeclarations(type);
                    }

                    if (node is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
                    {
                        dependencies.AddExpression(node.SyntaxTree, initializer, 0);
                    }
                    else if (node is PropertyDeclarationSyntax property)
                    {
                        if (property.Initializer?.Value is { } value)
                        {
                            dependencies.AddExpression(node.SyntaxTree, value, 0);
                        }

                        if (property.ExpressionBody?.Expression is { } expression)
                        {
                            dependencies.AddExpression(node.SyntaxTree, expression, 0);
                        }
                    }

                    var declaration = PromptDeclarationReader.Read(member, attributeClass, model, cancellationToken);
                    return (declaration is { IsValid: true } ? ToModel(declaration) : null, dependencies.Result);
                },
                cancellationToken);

        /// <summary>The class of the first attribute on <paramref name="member"/> that is <c>AgentRules.PromptAttribute</c>, as ForAttributeWithMetadataName matched it.</summary>
        private static INamedTypeSymbol? FindPromptAttributeClass(ISymbol member)
        {
            foreach (var attribute in member.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "PromptAttribute", ContainingType: null, ContainingNamespace: { Name: "AgentRules", ContainingNamespace.IsGlobalNamespace: true } } type)
                {
                    return type;
                }
            }

            return null;
        }

        public static PromptModel? FromFile(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            options.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDirectory);
            var declaration = PromptDeclarationReader.ReadFile(file, options.GetOptions(file), projectDirectory, cancellationToken);
            return declaration is { IsValid: true } ? ToModel(declaration) : null;
        }

        public static RootNamespace RegistryNamespace(AnalyzerConfigOptions globalOptions)
        {
            globalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
            var parsed = RootNamespace.Parse(rootNamespace);
            return parsed.Namespace is null ? parsed with { Namespace = PromptNames.FallbackRegistryNamespace } : parsed;
        }

        public static RuntimeSupport Runtime(Compilation compilation)
        {
            var agentPrompt = compilation.GetTypeByMetadataName("AgentRules.AgentPrompt");
            var notNullWhen = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.NotNullWhenAttribute");
            return new RuntimeSupport(
                agentPrompt is not null && compilation.IsSymbolAccessibleWithin(agentPrompt, compilation.Assembly),
                notNullWhen is not null && compilation.IsSymbolAccessibleWithin(notNullWhen, compilation.Assembly));
        }

        /// <summary>
        /// The registry: the first declaration of each id (in source order) wins; ids are sorted; the first id (in
        /// ordinal order) of each member name gets the member. Null when the runtime is missing.
        /// </summary>
        public static RegistryModel? Registry(ImmutableArray<PromptModel> members, ImmutableArray<PromptModel> files, RootNamespace registryNamespace, RuntimeSupport? runtime)
        {
            if (runtime is not { HasAgentPrompt: true })
            {
                return null;
            }

            var all = new List<PromptModel>(members.Length + files.Length);
            all.AddRange(members);
            all.AddRange(files);
            all.Sort(ModelComparisons.BySource);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var unique = new List<PromptModel>();
            foreach (var prompt in all)
            {
                if (seen.Add(prompt.Id))
                {
                    unique.Add(prompt);
                }
            }

            unique.Sort(ModelComparisons.ById);
            var names = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<RegistryEntry>(unique.Count);
            foreach (var prompt in unique)
            {
                var name = PromptNames.RegistryMemberName(prompt.Id);
                entries.Add(new RegistryEntry(prompt, names.Add(name) ? name : null));
            }

            return new RegistryModel(registryNamespace.Namespace ?? PromptNames.FallbackRegistryNamespace, entries.ToEquatableArray(), runtime.HasNotNullWhen, registryNamespace.Invalid);
        }

        private static PromptModel ToModel(PromptDeclaration declaration)
        {
            var span = declaration.Location.GetLineSpan();
            return new PromptModel(
                declaration.Id,
                declaration.Version,
                declaration.Sha256!,
                declaration.Text ?? string.Empty,
                declaration.IsTemplate,
                declaration.DeclaredBy,
                span.Path ?? string.Empty,
                declaration.Location.SourceSpan.Start);
        }
    }
}
