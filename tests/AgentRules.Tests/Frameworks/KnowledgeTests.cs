using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// The rules' framework knowledge against the real assemblies (<see cref="RealFrameworks"/>): every metadata name,
/// member name and parameter name in the tables resolves, or is marked in <see cref="FrameworkKnowledge"/> as an older
/// spelling or a framework the registry does not serve. A package update that renames something fails here instead of
/// silently blinding a rule.
/// </summary>
public class KnowledgeTests
{
    /// <summary>One name the rules rely on: a type (or namespace), optionally a member, optionally a parameter of it.</summary>
    public sealed record Entry(string Table, string Type, string? Member = null, string? Parameter = null, bool IsNamespace = false, bool IsConstructor = false)
    {
        public override string ToString() =>
            $"{Table}: {Type}" + (IsConstructor ? "..ctor" : Member is null ? string.Empty : "." + Member) + (Parameter is null ? string.Empty : "(" + Parameter + ")");
    }

    /// <summary>Every entry of every knowledge table.</summary>
    public static IEnumerable<Entry> AllEntries()
    {
        foreach (var type in new[] { typeof(MetadataNames), typeof(ToolMetadataNames), typeof(AgentLoopApis) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                yield return new Entry(type.Name, (string)field.GetRawConstantValue()!);
            }
        }

        foreach (var api in AgentLoopApis.LlmApis)
        {
            foreach (var member in api.Members)
            {
                yield return new Entry("AgentLoopApis.LlmApis", api.TypeMetadataName, member);
            }
        }

        foreach (var setting in AgentLoopApis.CapSettings)
        {
            yield return new Entry("AgentLoopApis.CapSettings", setting.TypeMetadataName, setting.Property);
        }

        foreach (var (type, member) in AgentLoopApis.SiteMembers)
        {
            yield return new Entry("AgentLoopApis.SiteMembers", type, member);
        }

        foreach (var method in AgentLoopApis.DefaultHumanInputMethods.Concat(AgentLoopApis.InputWaitMethods))
        {
            var dot = method.LastIndexOf('.');
            yield return new Entry("AgentLoopApis.HumanInput/InputWait", method.Substring(0, dot), method.Substring(dot + 1));
        }

        foreach (var (type, member, parameter) in PromptApis.KnownApis)
        {
            yield return member is null
                ? new Entry("PromptSiteTable", type, Parameter: parameter, IsConstructor: true)
                : new Entry("PromptSiteTable", type, member, parameter);
        }

        foreach (var api in ApprovalApis.All)
        {
            yield return new Entry("ApprovalApis", api.Type, api.Member);
        }

        foreach (var row in WritingApiTable.Entries)
        {
            if (row.TypeMatch == ApiTypeMatch.Namespace)
            {
                yield return new Entry("WritingApiTable", row.Name, IsNamespace: true);
                continue;
            }

            foreach (var member in row.Members)
            {
                yield return new Entry("WritingApiTable", row.Name, member);
            }
        }
    }

    [Fact]
    public void Every_table_entry_resolves_in_the_real_assemblies_or_is_marked()
    {
        var compilation = RealFrameworks.Compilation;
        var failures = new List<string>();
        var count = 0;
        foreach (var entry in AllEntries().Distinct())
        {
            count++;
            var problem = Resolve(compilation, entry);
            var mark = FrameworkKnowledge.MarkFor(entry.Type, entry.Member);
            if (problem is null && mark is { IsOlderSpelling: true })
            {
                failures.Add($"{entry}: marked as an older spelling ({mark.Reason}) but it resolves in the served packages; remove the mark");
            }
            else if (problem is not null && mark is null)
            {
                failures.Add($"{entry}: {problem}");
            }
        }

        Assert.True(count > 300, $"Only {count} entries were enumerated: a table is missing from the knowledge test.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} names the rules rely on do not resolve in the real assemblies:{Environment.NewLine}" + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Marks_for_frameworks_not_served_name_nothing_that_is_served()
    {
        // A "not served" mark must not hide a served framework: no type under a not-served prefix may resolve here.
        var compilation = RealFrameworks.Compilation;
        var stale = AllEntries()
            .Where(e => FrameworkKnowledge.MarkFor(e.Type, e.Member) is { Kind: FrameworkKnowledge.MarkKind.NotServed or FrameworkKnowledge.MarkKind.NotLoaded })
            .Where(e => !e.IsNamespace && compilation.GetTypesByMetadataName(e.Type).Length > 0 && Resolve(compilation, e) is null)
            .Select(e => e.ToString())
            .Distinct()
            .ToList();
        Assert.True(stale.Count == 0, "Marked as not served, but they resolve in the real packages (remove the marks):" + Environment.NewLine + string.Join(Environment.NewLine, stale));
    }

    [Theory]
    [InlineData("Microsoft.Extensions.AI.FunctionInvokingChatClient", "MaximumIterationsPerRequest", null)]
    [InlineData("ModelContextProtocol.Server.McpServerToolCreateOptions", "ReadOnly", null)]
    [InlineData("Microsoft.Agents.AI.Workflows.HandoffWorkflowBuilderCore`1", "WithAutonomousMode", "continuationPrompt")]
    public void The_resolver_finds_real_names(string type, string member, string? parameter) =>
        Assert.Null(Resolve(RealFrameworks.Compilation, new Entry("probe", type, member, parameter)));

    [Theory]
    [InlineData("Microsoft.Extensions.AI.FunctionInvokingChatClient", "MaximumIterations", null)] // a rename
    [InlineData("ModelContextProtocol.Server.IMcpServer", null, null)]                             // gone in 2.x
    [InlineData("Microsoft.Agents.AI.Workflows.HandoffWorkflowBuilderCore`1", "WithAutonomousMode", "turns")]
    public void The_resolver_fails_on_renamed_names(string type, string? member, string? parameter) =>
        Assert.NotNull(Resolve(RealFrameworks.Compilation, new Entry("probe", type, member, parameter)));

    /// <summary>Null when the entry resolves; else what is missing.</summary>
    public static string? Resolve(Compilation compilation, Entry entry)
    {
        if (entry.IsNamespace)
        {
            return FindNamespace(compilation.GlobalNamespace, entry.Type) ? null : "no such namespace";
        }

        var types = compilation.GetTypesByMetadataName(entry.Type);
        if (types.Length == 0 && entry.Table.StartsWith("AgentLoopApis.HumanInput", StringComparison.Ordinal))
        {
            // These tables match a type by its name without generic arity (ChannelReader<T> as ChannelReader).
            types = compilation.GetTypesByMetadataName(entry.Type + "`1");
        }

        if (types.Length == 0)
        {
            return "no such type";
        }

        if (entry.Member is null && !entry.IsConstructor)
        {
            return null;
        }

        var members = types.SelectMany(t => entry.IsConstructor ? t.InstanceConstructors.Cast<ISymbol>() : MembersNamed(t, entry.Member!)).ToList();
        if (members.Count == 0 && !entry.IsConstructor)
        {
            // The rules match extension methods on the type too (kernel.InvokePromptAsync is KernelExtensions').
            members = types.SelectMany(t => ExtensionsNamed(compilation, t, entry.Member!)).ToList();
        }

        if (members.Count == 0)
        {
            return entry.IsConstructor ? "no public constructor" : $"no member '{entry.Member}'";
        }

        if (entry.Parameter is null)
        {
            return null;
        }

        return members.OfType<IMethodSymbol>().Any(m => m.Parameters.Any(p => p.Name == entry.Parameter))
            ? null
            : $"no overload of '{entry.Member ?? ".ctor"}' has a parameter '{entry.Parameter}'";
    }

    private static IEnumerable<ISymbol> MembersNamed(INamedTypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name).Where(m => m.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected))
            {
                yield return member;
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(name))
            {
                yield return member;
            }
        }
    }

    /// <summary>Extension methods named <paramref name="name"/> for <paramref name="type"/>, declared in its namespace or the ones above it.</summary>
    private static IEnumerable<ISymbol> ExtensionsNamed(Compilation compilation, INamedTypeSymbol type, string name)
    {
        var parts = type.ContainingNamespace.ToDisplayString().Split('.');
        for (var length = parts.Length; length > 0; length--)
        {
            var ns = compilation.GlobalNamespace;
            foreach (var part in parts.Take(length))
            {
                ns = ns?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            }

            foreach (var candidate in ns?.GetTypeMembers() ?? [])
            {
                if (!candidate.IsStatic || !candidate.MightContainExtensionMethods)
                {
                    continue;
                }

                foreach (var method in candidate.GetMembers(name).OfType<IMethodSymbol>())
                {
                    if (method.IsExtensionMethod && method.Parameters.Length > 0 && Extends(method.Parameters[0].Type, type))
                    {
                        yield return method;
                    }
                }
            }
        }
    }

    private static bool Extends(ITypeSymbol parameter, INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(parameter.OriginalDefinition, type.OriginalDefinition)
        || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(parameter.OriginalDefinition, i.OriginalDefinition))
        || (type.BaseType is { } baseType && Extends(parameter, baseType));

    private static bool FindNamespace(INamespaceSymbol root, string name)
    {
        var current = root;
        foreach (var part in name.Split('.'))
        {
            current = current.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            if (current is null)
            {
                return false;
            }
        }

        return true;
    }
}
