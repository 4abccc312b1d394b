using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Generators.ProcessSpec;

public sealed partial class ProcessSpecGenerator
{
    /// <summary>
    /// The inventory sections of the process spec: agents, the MCP servers the code connects to, tools exposed from
    /// referenced assemblies, and approvals with their bypasses. Syntax first (only files that mention the names are
    /// bound), then symbols, matched by metadata name; what the code does not state as a constant is left out or shown as "…".
    /// </summary>
    public static partial class Parser
    {
        private static readonly string[] Keywords = ["Agent", "ToolGuardOptions", "ClientTransport", "WithTools", "Approv", "McpServerTool"];

        /// <summary>The types whose creations the inventory reads, by metadata name (agents, ToolGuard options, MCP client transports).</summary>
        private static readonly ImmutableArray<string> CreatedTypes = ImmutableArray.Create(
            "Microsoft.Agents.AI.ChatClientAgent",
            "Microsoft.Agents.AI.HarnessAgent",
            "AgentRules.ToolGuardOptions",
            "ModelContextProtocol.Client.StdioClientTransport",
            "ModelContextProtocol.Client.HttpClientTransport",
            "ModelContextProtocol.Client.SseClientTransport");

        /// <summary>The simple names of <see cref="CreatedTypes"/>.</summary>
        private static readonly ImmutableHashSet<string> CreatedTypeNames = CreatedTypes.Select(static t => t.Substring(t.LastIndexOf('.') + 1)).ToImmutableHashSet(StringComparer.Ordinal);

        /// <summary>The methods whose calls the inventory reads (agent factories, tools registered from other assemblies).</summary>
        private static readonly ImmutableHashSet<string> CalledMethods = ImmutableHashSet.Create(StringComparer.Ordinal, "AsAIAgent", "CreateAIAgent", "AsHarnessAgent", "WithTools", "WithToolsFromAssembly");

        private static readonly Dictionary<string, string> Bypasses = new(StringComparer.Ordinal)
        {
            ["AllToolsAutoApprovalRule"] = "every tool auto-approved",
            ["CreateAlwaysApproveToolResponse"] = "tool approved for the rest of the session",
            ["DisableWriteToolApproval"] = "file write tools run without approval",
            ["DisableRunSkillScriptApproval"] = "skill scripts run without approval",
            ["NeverRequire"] = "hosted MCP tools never require approval",
        };

        /// <summary>
        /// Every word a file must spell for the inventory to find something in it: the simple names of the types it reads
        /// creations of, the methods it reads calls of, and the approval bypasses (an alias of one of these is declared
        /// with the name itself). <c>AgentName</c> stands for a target-typed <c>new() { AgentName = ... }</c> of
        /// <c>ToolGuardOptions</c>, which the inventory requires. The spec's early exit (<see cref="SpecCandidates"/>)
        /// reads these words, so the two cannot drift apart.
        /// </summary>
        public static ImmutableArray<string> InventoryWords { get; } = CreatedTypeNames
            .OrderBy(static t => t, StringComparer.Ordinal)
            .Concat(CalledMethods.OrderBy(static m => m, StringComparer.Ordinal))
            .Concat(Bypasses.Keys.OrderBy(static k => k, StringComparer.Ordinal))
            .Append("AgentName")
            .ToImmutableArray();

        public static (EquatableArray<SpecAgent> Agents, EquatableArray<SpecMcpServer> Servers, EquatableArray<SpecExternalTools> External, EquatableArray<SpecApproval> Approvals) CollectInventory(
            Compilation compilation,
            Func<SyntaxTree, SemanticModel> getModel,
            SpecPaths paths,
            ImmutableArray<ToolInfo> tools,
            IEnumerable<SpecPromptSite> promptSites,
            IEnumerable<SpecLoop> loops,
            CancellationToken cancellationToken,
            Func<SyntaxTree, bool>? include = null,
            Func<SyntaxTree, ImmutableArray<SyntaxNode>?>? knownNodes = null)
        {
            var agents = new List<SpecAgent>();
            var servers = new List<SpecMcpServer>();
            var external = new List<SpecExternalTools>();
            var approvals = new List<SpecApproval>();

            foreach (var tool in tools.Where(t => t.Approval is not null))
            {
                approvals.Add(new SpecApproval("gate", (tool.Approval!.Kind == ToolApprovalKind.RequiresApprovalAttribute ? "[RequiresApproval]" : tool.Approval.Kind == ToolApprovalKind.ApprovalRequiredAIFunction ? "ApprovalRequiredAIFunction" : "possibly gated") + " on " + tool.Name, paths.Of(tool.Location)));
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (include is not null && !include(tree))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var node in knownNodes?.Invoke(tree) is { } known ? known : Candidates(tree, compilation, cancellationToken))
                {
                    model ??= getModel(tree);
                    switch (node)
                    {
                        case BaseObjectCreationExpressionSyntax creation:
                            Creation(creation, model, paths, tools, promptSites, loops, agents, servers, cancellationToken);
                            break;
                        case InvocationExpressionSyntax invocation:
                            Invocation(invocation, model, compilation, paths, tools, promptSites, loops, agents, external, cancellationToken);
                            break;
                        case IdentifierNameSyntax identifier when Bypasses.TryGetValue(identifier.Identifier.ValueText, out var bypass) && identifier.Parent is not NameColonSyntax:
                            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol && symbol.ContainingNamespace?.ToDisplayString() is { } ns
                                && (ns.StartsWith("Microsoft.Agents.AI", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal)))
                            {
                                approvals.Add(new SpecApproval("bypass", symbol.ContainingType?.Name + "." + symbol.Name + ": " + bypass, paths.Of(identifier.GetLocation())));
                            }

                            break;
                        default:
                            break;
                    }
                }
            }

            return (
                agents.OrderBy(a => a.Location, Comparer<SpecLocation>.Create(SpecLocation.Compare)).ToEquatableArray(),
                servers.OrderBy(s => s.Location, Comparer<SpecLocation>.Create(SpecLocation.Compare)).ToEquatableArray(),
                external.OrderBy(e => e.Location, Comparer<SpecLocation>.Create(SpecLocation.Compare)).ThenBy(e => e.Type, StringComparer.Ordinal).ToEquatableArray(),
                approvals.OrderBy(a => a.Location, Comparer<SpecLocation>.Create(SpecLocation.Compare)).ThenBy(a => a.What, StringComparer.Ordinal).ToEquatableArray());
        }

        /// <summary>
        /// True when <paramref name="tree"/> has a node the inventory binds (see <see cref="Candidates"/>): decided from
        /// syntax and the compilation's aliases, without binding.
        /// </summary>
        public static bool MayHaveInventoryEntries(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken) =>
            Candidates(tree, compilation, cancellationToken).Any();

        /// <summary>
        /// Every node of <paramref name="tree"/> the inventory binds, in source order (see <see cref="Candidates"/>):
        /// what <see cref="CollectInventory"/> reads from a tree, found once by a caller that walks each file anyway.
        /// </summary>
        public static ImmutableArray<SyntaxNode> InventoryCandidates(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken) =>
            Candidates(tree, compilation, cancellationToken).ToImmutableArray();

        /// <summary>
        /// The nodes of a tree the inventory binds, in source order: creations of the types it reads (named with their
        /// simple name or an alias of it; target-typed <c>new(...)</c> always), calls of the methods it reads, and the
        /// approval bypasses' names. Any other creation cannot create one of those types, so it is not bound.
        /// </summary>
        private static IEnumerable<SyntaxNode> Candidates(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken).ToString();
            if (!Keywords.Any(k => text.IndexOf(k, StringComparison.Ordinal) >= 0))
            {
                yield break;
            }

            var typeNames = SyntaxNames.AliasesOf(CreatedTypeNames, tree, compilation, cancellationToken);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                var candidate = node switch
                {
                    ImplicitObjectCreationExpressionSyntax => true,
                    BaseObjectCreationExpressionSyntax creation => SyntaxNames.CreatedTypeName(creation) is { } name && typeNames.Contains(name),
                    InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is { } name && CalledMethods.Contains(name),
                    IdentifierNameSyntax identifier => Bypasses.ContainsKey(identifier.Identifier.ValueText) && identifier.Parent is not NameColonSyntax,
                    _ => false,
                };

                // Binding inside a member nested thousands deep exhausts the stack: stay quiet there.
                if (candidate && !OperationGuard.IsTooDeep(node))
                {
                    yield return node;
                }
            }
        }

        private static void Creation(BaseObjectCreationExpressionSyntax creation, SemanticModel model, SpecPaths paths, ImmutableArray<ToolInfo> tools, IEnumerable<SpecPromptSite> promptSites, IEnumerable<SpecLoop> loops, List<SpecAgent> agents, List<SpecMcpServer> servers, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                return;
            }

            var type = FullName(constructor.ContainingType);
            if (CreatedTypes.IndexOf(type) < 0)
            {
                return; // only the types InventoryWords names: a case below without an entry there would never be read
            }

            switch (type)
            {
                case "Microsoft.Agents.AI.ChatClientAgent":
                {
                    var arguments = Arguments(creation.ArgumentList, constructor);
                    var options = arguments.TryGetValue("options", out var o) ? Initializer(o) : null;
                    var chatOptions = options is not null && options.TryGetValue("ChatOptions", out var co) ? Initializer(co) : null;
                    agents.Add(Agent(
                        "Agent Framework ChatClientAgent",
                        creation,
                        Constant(model, arguments.TryGetValue("name", out var n) ? n : options?.TryGetValue("Name", out var on) == true ? on : null, cancellationToken),
                        arguments.TryGetValue("instructions", out var i) ? i : chatOptions?.TryGetValue("Instructions", out var ci) == true ? ci : null,
                        model, paths, tools, promptSites, loops, [], cancellationToken));
                    break;
                }

                case "Microsoft.Agents.AI.HarnessAgent":
                {
                    var arguments = Arguments(creation.ArgumentList, constructor);
                    agents.Add(Harness("Agent Framework HarnessAgent", creation, arguments.TryGetValue("options", out var o) ? o : null, model, paths, tools, promptSites, loops, cancellationToken));
                    break;
                }

                case "AgentRules.ToolGuardOptions":
                {
                    var initializer = Initializer(creation);
                    if (initializer is null || !initializer.TryGetValue("AgentName", out var name))
                    {
                        return;
                    }

                    var limits = new List<string>();
                    foreach (var member in new[] { "MaxCalls", "MaxCost", "MaxIdenticalCalls", "DuplicateWindow", "Environment" })
                    {
                        if (initializer.TryGetValue(member, out var value) && model.GetConstantValue(value, cancellationToken) is { HasValue: true, Value: { } constant })
                        {
                            limits.Add(member + " = " + Convert.ToString(constant, CultureInfo.InvariantCulture));
                        }
                    }

                    agents.Add(Agent("AgentRules ToolGuard", creation, Constant(model, name, cancellationToken), null, model, paths, tools, promptSites, loops, limits, cancellationToken));
                    break;
                }

                case "ModelContextProtocol.Client.StdioClientTransport":
                case "ModelContextProtocol.Client.HttpClientTransport":
                case "ModelContextProtocol.Client.SseClientTransport":
                {
                    var arguments = Arguments(creation.ArgumentList, constructor);
                    var options = arguments.TryGetValue("transportOptions", out var o) || arguments.TryGetValue("options", out o) ? Initializer(o) : null;
                    var stdio = type.EndsWith("StdioClientTransport", StringComparison.Ordinal);
                    string target;
                    if (stdio)
                    {
                        var command = options is not null && options.TryGetValue("Command", out var c) ? Constant(model, c, cancellationToken) ?? "…" : "…";
                        var parts = new List<string> { command };
                        if (options is not null && options.TryGetValue("Arguments", out var args))
                        {
                            var elements = args switch
                            {
                                CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
                                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
                                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                                _ => null,
                            };
                            parts.AddRange(elements?.Select(e => Constant(model, e, cancellationToken) ?? "…") ?? ["…"]);
                        }

                        target = string.Join(" ", parts);
                    }
                    else
                    {
                        target = options is not null && options.TryGetValue("Endpoint", out var endpoint) ? UriText(model, endpoint, cancellationToken) ?? "…" : "…";
                    }

                    var serverName = options is not null && options.TryGetValue("Name", out var nameExpression) ? Constant(model, nameExpression, cancellationToken) : null;
                    servers.Add(new SpecMcpServer(serverName, stdio ? "stdio" : "http", target, paths.Of(creation.GetLocation())));
                    break;
                }

                default:
                    break;
            }
        }

        private static void Invocation(InvocationExpressionSyntax invocation, SemanticModel model, Compilation compilation, SpecPaths paths, ImmutableArray<ToolInfo> tools, IEnumerable<SpecPromptSite> promptSites, IEnumerable<SpecLoop> loops, List<SpecAgent> agents, List<SpecExternalTools> external, CancellationToken cancellationToken)
        {
            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (name is null || !CalledMethods.Contains(name))
            {
                return;
            }

            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return;
            }

            var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            // AsAIAgent is declared in Microsoft.Extensions.AI (ChatClientExtensions) by the Agent Framework: match its result.
            if (name is "AsAIAgent" or "CreateAIAgent" && (method.ReturnType.ContainingNamespace?.ToDisplayString() ?? string.Empty).StartsWith("Microsoft.Agents.AI", StringComparison.Ordinal))
            {
                var arguments = Arguments(invocation.ArgumentList, method.ReducedFrom ?? method);
                agents.Add(Agent(
                    "Agent Framework " + name,
                    invocation,
                    Constant(model, arguments.TryGetValue("name", out var n) ? n : null, cancellationToken),
                    arguments.TryGetValue("instructions", out var i) ? i : null,
                    model, paths, tools, promptSites, loops, [], cancellationToken));
                return;
            }

            // AsHarnessAgent (Microsoft.Agents.AI.Harness) is declared in Microsoft.Extensions.AI too, and returns a HarnessAgent.
            if (name == "AsHarnessAgent" && method.ReturnType is INamedTypeSymbol returned && FullName(returned) == "Microsoft.Agents.AI.HarnessAgent")
            {
                var arguments = Arguments(invocation.ArgumentList, method.ReducedFrom ?? method);
                agents.Add(Harness("Agent Framework AsHarnessAgent", invocation, arguments.TryGetValue("options", out var o) ? o : null, model, paths, tools, promptSites, loops, cancellationToken));
                return;
            }

            if (!ns.StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal) && !ns.StartsWith("ModelContextProtocol", StringComparison.Ordinal))
            {
                return;
            }

            var types = new List<INamedTypeSymbol>();
            string registration;
            if (name == "WithTools" && method.TypeArguments.Length == 1 && method.TypeArguments[0] is INamedTypeSymbol single)
            {
                types.Add(single);
                registration = "WithTools<" + single.Name + ">()";
            }
            else if (name == "WithToolsFromAssembly" && invocation.ArgumentList.Arguments.Count > 0
                && invocation.ArgumentList.Arguments[0].Expression is MemberAccessExpressionSyntax { Expression: TypeOfExpressionSyntax typeOf, Name.Identifier.ValueText: "Assembly" }
                && model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol anchor)
            {
                registration = "WithToolsFromAssembly(typeof(" + anchor.Name + ").Assembly)";
                types.AddRange(AllTypes(anchor.ContainingAssembly.GlobalNamespace).Where(t => HasAttribute(t, "ModelContextProtocol.Server.McpServerToolTypeAttribute")));
            }
            else if (name == "WithTools" && invocation.ArgumentList.Arguments.Count > 0
                && TypeOfElements(invocation.ArgumentList.Arguments[0].Expression) is { Count: > 0 } typeOfs)
            {
                // WithTools(IEnumerable<Type>): an array or a collection expression of typeof(...).
                foreach (var element in typeOfs)
                {
                    if (model.GetTypeInfo(element.Type, cancellationToken).Type is INamedTypeSymbol listed)
                    {
                        types.Add(listed);
                    }
                }

                registration = "WithTools([" + string.Join(", ", types.Select(t => "typeof(" + t.Name + ")")) + "])";
            }
            else
            {
                return;
            }

            foreach (var type in types)
            {
                if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
                {
                    continue; // declared in this project: already in the tools section
                }

                var names = type.GetMembers().OfType<IMethodSymbol>()
                    .Select(m => (Method: m, Attribute: m.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && FullName(c) == "ModelContextProtocol.Server.McpServerToolAttribute")))
                    .Where(p => p.Attribute is not null)
                    .Select(p => p.Attribute!.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? SnakeCase(p.Method.Name))
                    .OrderBy(t => t, StringComparer.Ordinal)
                    .ToEquatableArray();
                external.Add(new SpecExternalTools(registration, type.ToDisplayString(), type.ContainingAssembly.Name, names, paths.Of(invocation.GetLocation())));
            }
        }

        /// <summary>The <c>typeof(...)</c> elements of an array creation or a collection expression, else null.</summary>
        private static List<TypeOfExpressionSyntax>? TypeOfElements(ExpressionSyntax expression)
        {
            IEnumerable<ExpressionSyntax>? elements = expression switch
            {
                CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                _ => null,
            };
            return elements?.OfType<TypeOfExpressionSyntax>().ToList();
        }

        /// <summary>
        /// A Harness agent (Microsoft.Agents.AI.Harness): name and instructions from <c>HarnessAgentOptions</c> built in
        /// place (the agent's own <c>ChatOptions.Instructions</c>, else <c>HarnessInstructions</c>; with neither, the
        /// harness's built-in default), and its function-loop cap (<c>MaximumIterationsPerRequest</c>, 40 when unset).
        /// </summary>
        private static SpecAgent Harness(string kind, SyntaxNode at, ExpressionSyntax? optionsExpression, SemanticModel model, SpecPaths paths, ImmutableArray<ToolInfo> tools, IEnumerable<SpecPromptSite> promptSites, IEnumerable<SpecLoop> loops, CancellationToken cancellationToken)
        {
            var options = optionsExpression is null ? null : Initializer(optionsExpression);
            var chatOptions = options is not null && options.TryGetValue("ChatOptions", out var co) ? Initializer(co) : null;
            var instructions = chatOptions is not null && chatOptions.TryGetValue("Instructions", out var ci) ? ci
                : options is not null && options.TryGetValue("HarnessInstructions", out var hi) ? hi : null;
            var limits = new List<string>();
            if (optionsExpression is null || options is not null || optionsExpression is LiteralExpressionSyntax)
            {
                // Options built here (or none): the cap is readable. Options from elsewhere are left out rather than guessed.
                Optional<object?>? cap = null;
                if (options is not null && options.TryGetValue("MaximumIterationsPerRequest", out var capExpression))
                {
                    cap = model.GetConstantValue(capExpression, cancellationToken);
                }

                limits.Add(cap switch
                {
                    { HasValue: true, Value: int value } => "MaximumIterationsPerRequest = " + value.ToString(CultureInfo.InvariantCulture),
                    null or { HasValue: true, Value: null } => "MaximumIterationsPerRequest: framework default " + AgentLoopApis.FunctionInvocationDefault.ToString(CultureInfo.InvariantCulture),
                    _ => "MaximumIterationsPerRequest = …",
                });
            }

            return Agent(kind, at, Constant(model, options is not null && options.TryGetValue("Name", out var n) ? n : null, cancellationToken), instructions, model, paths, tools, promptSites, loops, limits, cancellationToken);
        }

        private static SpecAgent Agent(string kind, SyntaxNode at, string? name, ExpressionSyntax? instructions, SemanticModel model, SpecPaths paths, ImmutableArray<ToolInfo> tools, IEnumerable<SpecPromptSite> promptSites, IEnumerable<SpecLoop> loops, List<string> limits, CancellationToken cancellationToken)
        {
            var location = paths.Of(at.GetLocation());
            var scope = at.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax) ?? at;
            var scopeSpan = scope.GetLocation().GetLineSpan();
            bool InScope(SpecLocation l) => l.Path == location.Path && l.Line >= scopeSpan.StartLinePosition.Line + 1 && l.Line <= scopeSpan.EndLinePosition.Line + 1;
            bool Inside(Location l) => l.SourceTree == scope.SyntaxTree && scope.Span.Contains(l.SourceSpan);

            string? instructionText = null;
            if (instructions is not null)
            {
                var line = paths.Of(instructions.GetLocation()).Line;
                var site = promptSites.FirstOrDefault(s => s.Location.Path == location.Path && s.Location.Line == line);
                instructionText = site is null ? (model.GetConstantValue(instructions, cancellationToken).HasValue ? "undeclared" : "outside the code")
                    : site.PromptId is { } id ? "prompt " + id : site.Source;
            }
            else if (promptSites.FirstOrDefault(s => InScope(s.Location)) is { } near)
            {
                instructionText = near.PromptId is { } id ? "prompt " + id : near.Source;
            }

            // Tools registered in the same method, and the [AgentTool] tools of types created there (their generated AIFunctions).
            var created = new HashSet<ITypeSymbol>(
                scope.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>().Select(c => model.GetTypeInfo(c, cancellationToken).Type).Where(t => t is not null)!,
                SymbolEqualityComparer.Default);
            var given = tools
                .Where(t => t.Registrations.Any(r => Inside(r.Location))
                    || (t.Form == ToolForm.AgentTool && t.Symbol is IMethodSymbol { ContainingType: { } owner } && created.Contains(owner)))
                .ToList();

            var allLimits = new List<string>(limits);
            var killSwitch = scope.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ForAgent", Expression: IdentifierNameSyntax { Identifier.ValueText: "KillSwitch" } });
            if (killSwitch is not null && killSwitch.ArgumentList.Arguments.Count > 0)
            {
                allLimits.Add("kill switch " + (Constant(model, killSwitch.ArgumentList.Arguments[0].Expression, cancellationToken) ?? "…"));
            }

            allLimits.AddRange(loops.Where(l => InScope(l.Location)).Select(l => "loop at line " + l.Location.Line.ToString(CultureInfo.InvariantCulture) + ": cap " + l.Cap + (l.CapDescription.Length > 0 ? " (" + l.CapDescription + ")" : string.Empty)));

            return new SpecAgent(
                name,
                kind,
                location,
                instructionText,
                ModelId(scope, model, cancellationToken),
                given.Select(t => t.Name).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray(),
                allLimits.ToEquatableArray(),
                given.Where(t => t.Approval is not null).Select(t => t.Name + ": " + (t.Approval!.Kind == ToolApprovalKind.RequiresApprovalAttribute ? "[RequiresApproval]" : "ApprovalRequiredAIFunction")).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray());
        }

        /// <summary>A model id the method states as a constant: <c>ModelId = "..."</c>, or an argument named model/modelId/deploymentName.</summary>
        private static string? ModelId(SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var node in scope.DescendantNodes())
            {
                var candidate = node switch
                {
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "ModelId" } } assignment => assignment.Right,
                    AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ModelId" } } assignment => assignment.Right,
                    ArgumentSyntax { NameColon.Name.Identifier.ValueText: "model" or "modelId" or "deploymentName" } argument => argument.Expression,
                    ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetChatClient" or "GetResponsesClient" } } } } argument => argument.Expression,
                    _ => null,
                };

                if (candidate is not null && Constant(model, candidate, cancellationToken) is { Length: > 0 } id)
                {
                    return id;
                }
            }

            return null;
        }

        private static Dictionary<string, ExpressionSyntax> Arguments(ArgumentListSyntax? list, IMethodSymbol method)
        {
            var result = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
            if (list is null)
            {
                return result;
            }

            var offset = method.IsExtensionMethod && method.ReducedFrom is null ? 1 : 0;
            for (var i = 0; i < list.Arguments.Count; i++)
            {
                var argument = list.Arguments[i];
                var name = argument.NameColon?.Name.Identifier.ValueText
                    ?? (i + offset < method.Parameters.Length ? method.Parameters[i + offset].Name : null);
                if (name is not null)
                {
                    result[name] = argument.Expression;
                }
            }

            return result;
        }

        /// <summary>The members an object initializer sets, by name (for <c>new T { A = x }</c> and <c>new() { A = x }</c>).</summary>
        private static Dictionary<string, ExpressionSyntax>? Initializer(ExpressionSyntax expression) =>
            expression is BaseObjectCreationExpressionSyntax { Initializer: { } initializer }
                ? initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                    .Where(a => a.Left is IdentifierNameSyntax)
                    .GroupBy(a => ((IdentifierNameSyntax)a.Left).Identifier.ValueText, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last().Right, StringComparer.Ordinal)
                : null;

        private static string? Constant(SemanticModel model, ExpressionSyntax? expression, CancellationToken cancellationToken) =>
            expression is not null && model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string text } ? text : null;

        private static string? UriText(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken) =>
            expression is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } ? Constant(model, arguments[0].Expression, cancellationToken) : Constant(model, expression, cancellationToken);

        private static bool HasAttribute(INamedTypeSymbol type, string metadataName) =>
            type.GetAttributes().Any(a => a.AttributeClass is { } c && FullName(c) == metadataName);

        private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
        {
            foreach (var type in ns.GetTypeMembers())
            {
                yield return type;
            }

            foreach (var child in ns.GetNamespaceMembers())
            {
                foreach (var type in AllTypes(child))
                {
                    yield return type;
                }
            }
        }

        private static string FullName(INamedTypeSymbol type) =>
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

        /// <summary>The MCP C# SDK's default tool name for a method: snake_case of its name.</summary>
        internal static string SnakeCase(string name)
        {
            if (name.EndsWith("Async", StringComparison.Ordinal) && name.Length > 5)
            {
                name = name.Substring(0, name.Length - 5);
            }

            var result = new System.Text.StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c))
                {
                    if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    {
                        result.Append('_');
                    }

                    result.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }
    }
}
