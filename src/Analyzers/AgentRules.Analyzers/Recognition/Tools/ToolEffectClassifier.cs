using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Decides whether a tool is destructive, read-only or unknown.
/// </summary>
/// <remarks>
/// <para>1. An explicit declaration wins: MCP <c>ReadOnly = true</c> or AgentRules <c>[ReadOnlyTool]</c> → read-only;
/// <c>Destructive = true</c>, <c>ReadOnly = false</c>, <c>Destructive = false</c> with <c>ReadOnly</c> unset (MCP's
/// "additive updates") or <c>[DestructiveTool]</c> → destructive. Unset is not false. Configured attributes' named
/// arguments are read the same way.</para>
/// <para>2. Otherwise evidence, strongest first: a known writing API in the body or the same-compilation methods it
/// calls (<see cref="WritingApiTable"/>, strong rows only), SQL, a command or a script the model sends run as sent
/// (<see cref="ModelTextExecution"/>), or an output binding; then the first verb of the name;
/// then the description (a phrase such as "cannot be undone" or "read-only" anywhere, and its first verb when the
/// name has none).</para>
/// <para>3. A writing API in the body (or an output binding) outweighs the name and the description, whatever verbs
/// the project configures — except a local file write against a reading name (a tool refreshing its cache file).
/// Evidence that disagrees otherwise, or none at all → unknown: the rules stay silent.</para>
/// </remarks>
public static class ToolEffectClassifier
{
    internal static ToolEffectResult Classify(ToolSafetyContext context, ToolDeclaration tool, CancellationToken cancellationToken)
    {
        var declaration = ReadDeclaration(context, tool, cancellationToken);
        var evidence = ImmutableArray.CreateBuilder<ToolEffectEvidence>();

        var bodyWrite = FindBodyWrite(context, tool, cancellationToken, out var localFileWrite);
        // A body of literals, parameters and operators has nothing these searches look for (ParameterOnlyBodies): not bound.
        var parameterOnly = tool.HasParameterOnlyBody(context.Compilation);
        if ((bodyWrite is null || localFileWrite) && !parameterOnly && ModelTextExecution.Find(context, tool, cancellationToken) is { } runsModelText)
        {
            // SQL, a shell command or a script the model sends, run as sent: it writes whatever the model asks.
            bodyWrite = runsModelText;
            localFileWrite = false;
        }

        // A writing command written in the code (go mod tidy, git commit, npm install), started by the tool or its helper.
        bodyWrite ??= parameterOnly ? null : CommandLineEffects.Find(context, tool, cancellationToken);
        bodyWrite ??= FindOutputBinding(context, tool);
        if (bodyWrite is not null)
        {
            evidence.Add(bodyWrite);
        }

        var name = context.Verbs.ClassifyName(tool.Name);
        var computes = new System.Lazy<bool>(() => bodyWrite is null && (parameterOnly || IsPureComputation(context, tool, cancellationToken)));

        // A body shown in full whose only reach outside is asking a model (a read) does not do what a destructive name
        // or description says ("SendPrompt"). A placeholder that does nothing keeps its name as its intent.
        var inert = new System.Lazy<bool>(() => bodyWrite is null && !parameterOnly && InertToolBodies.IsInert(context, tool, cancellationToken));
        if (name.IsDecisive && !IsArithmetic(tool, name) && !(IsComputingVerb(name) && computes.Value) && !(name.Effect == ToolEffect.Destructive && inert.Value))
        {
            evidence.Add(new ToolEffectEvidence(name.Effect, EvidenceSource.Name, name.IsFirstWord ? $"name starts with '{name.Word}'" : $"name contains '{name.Word}'", tool.Location));
        }

        var description = context.Verbs.ClassifyDescription(tool.Description, out var phrase);
        if (phrase.IsDecisive && !(phrase.Effect == ToolEffect.Destructive && inert.Value))
        {
            evidence.Add(new ToolEffectEvidence(phrase.Effect, EvidenceSource.Description, $"description says '{phrase.Word}'", tool.Location));
        }

        // The description's first verb counts when the name has none, and against a name it contradicts ("SendAnEcho":
        // "Echo the question back"); it does not when it only says what the tool returns ("Returns true if deleted").
        if (description.IsDecisive && !IsArithmetic(tool, description) && !(IsComputingVerb(description) && computes.Value)
            && !(description.Effect == ToolEffect.Destructive && inert.Value)
            && (name.Word is null || (name.IsDecisive && description.Effect != name.Effect && !ToolVerbs.DescribesOutput(description.Verb))))
        {
            evidence.Add(new ToolEffectEvidence(description.Effect, EvidenceSource.Description, $"description starts with '{description.Word}'", tool.Location));
        }

        ToolEffectEvidence? destructive = null, readOnly = null;
        foreach (var item in evidence)
        {
            if (item.Effect == ToolEffect.Destructive)
            {
                destructive ??= item;
            }
            else if (item.Effect == ToolEffect.ReadOnly)
            {
                readOnly ??= item;
            }
        }

        // A known writing API in the body (or an output binding) outweighs words: a name or description that reads
        // as read-only ("get...", or a verb the project lists in agentrules.readonly_verbs) cannot hide a call such as
        // HttpClient.DeleteAsync. The exception is the local file system, where a reading tool may refresh its own
        // cache file: a reading name against a file write leaves the effect unknown, as do words that disagree.
        if (bodyWrite is not null && (!localFileWrite || (name.Verb is { } verb && ToolWords.FileProducingVerbs.Contains(verb))))
        {
            destructive = bodyWrite;
            readOnly = null;
        }

        var conflicting = destructive is not null && readOnly is not null;
        var inferred = conflicting ? ToolEffect.Unknown : destructive is not null ? ToolEffect.Destructive : readOnly is not null ? ToolEffect.ReadOnly : ToolEffect.Unknown;
        var deciding = inferred switch
        {
            ToolEffect.Destructive => destructive,
            ToolEffect.ReadOnly => readOnly,
            _ => null,
        };

        return new ToolEffectResult(declaration, inferred, deciding, bodyWrite, evidence.ToImmutable(), conflicting);
    }

    /// <summary>The explicit effect declaration of a tool, or null.</summary>
    private static ToolEffectEvidence? ReadDeclaration(ToolSafetyContext context, ToolDeclaration tool, CancellationToken cancellationToken)
    {
        // Options passed to McpServerTool.Create win over the method's [McpServerTool], as in the SDK.
        ToolEffectEvidence? framework = null;
        if (tool.Options is { } options)
        {
            framework = FromFlags(
                ToolSafetyContext.ReadInitializer(options, "ReadOnly") as bool?,
                ToolSafetyContext.ReadInitializer(options, "Destructive") as bool?,
                options.Syntax.GetLocation());
        }

        if (framework is null && tool.ToolAttribute is { } attribute && tool.Form is ToolForm.McpServerTool or ToolForm.ConfiguredAttribute)
        {
            framework = FromFlags(attribute.GetNamedBoolean("ReadOnly"), attribute.GetNamedBoolean("Destructive"), attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
        }

        // AgentRules [ReadOnlyTool]/[DestructiveTool] on the tool, or (for methods and classes) on a containing type.
        ToolEffectEvidence? agentRules = null;
        for (ISymbol? current = tool.Symbol; current is IMethodSymbol or INamedTypeSymbol; current = current.ContainingSymbol)
        {
            if (current.GetAttribute(context.DestructiveAttribute) is { } destructive)
            {
                agentRules = new ToolEffectEvidence(ToolEffect.Destructive, EvidenceSource.Declaration, "declared [DestructiveTool]", destructive.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
                break;
            }

            if (current.GetAttribute(context.ReadOnlyAttribute) is { } readOnly)
            {
                agentRules = new ToolEffectEvidence(ToolEffect.ReadOnly, EvidenceSource.Declaration, "declared [ReadOnlyTool]", readOnly.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
                break;
            }

            if (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                break; // a lambda's or local function's effect is its own
            }
        }

        if (framework is null || agentRules is null)
        {
            return framework ?? agentRules;
        }

        // Two declarations that disagree: the destructive one (the cautious reading).
        return framework.Effect == ToolEffect.Destructive ? framework : agentRules;
    }

    private static ToolEffectEvidence? FromFlags(bool? readOnly, bool? destructive, Location? location) =>
        (readOnly, destructive) switch
        {
            (true, _) => new ToolEffectEvidence(ToolEffect.ReadOnly, EvidenceSource.Declaration, "declared ReadOnly = true", location),
            (false, true) or (null, true) => new ToolEffectEvidence(ToolEffect.Destructive, EvidenceSource.Declaration, "declared Destructive = true", location),
            (false, _) => new ToolEffectEvidence(ToolEffect.Destructive, EvidenceSource.Declaration, "declared ReadOnly = false", location),
            (null, false) => new ToolEffectEvidence(ToolEffect.Destructive, EvidenceSource.Declaration, "declared Destructive = false: additive updates", location),
            _ => null,
        };

    private static ToolEffectEvidence? FindBodyWrite(ToolSafetyContext context, ToolDeclaration tool, CancellationToken cancellationToken, out bool localFile)
    {
        localFile = false;
        CallGraphMatch<WriteEvidence>? match = null;
        if (tool.LambdaBody is { } lambdaBody)
        {
            match = context.FindStrongWrite(lambdaBody, cancellationToken);
        }
        else if (tool.Method is { } method && !tool.HasParameterOnlyBody(context.Compilation))
        {
            match = context.FindStrongWrite(method, cancellationToken);
        }
        else if (tool.Type is { } type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } classMethod && context.FindStrongWrite(classMethod, cancellationToken) is { } found)
                {
                    match = found;
                    break;
                }
            }
        }

        if (match is null)
        {
            return null;
        }

        localFile = match.Value.IsLocalFile;
        var text = match.Via is { } via
            ? $"{match.Value.Text} via {(via.MethodKind == MethodKind.LocalFunction || via.ContainingType is null ? via.Name : via.ContainingType.Name + "." + via.Name)}"
            : match.Value.Text;
        return new ToolEffectEvidence(ToolEffect.Destructive, EvidenceSource.BodyCall, text, match.Value.Location);
    }

    /// <summary>An Azure Functions output binding ([BlobOutput], [SqlOutput]...) on the function or its return value.</summary>
    private static ToolEffectEvidence? FindOutputBinding(ToolSafetyContext context, ToolDeclaration tool)
    {
        if (context.OutputBinding is null || tool.Method is not { } method)
        {
            return null;
        }

        foreach (var attribute in method.GetAttributes().AddRange(method.GetReturnTypeAttributes()))
        {
            if (attribute.AttributeClass.IsOrDerivesFrom(context.OutputBinding))
            {
                return OutputBindingEvidence(attribute);
            }
        }

        // A multi-output return type: output bindings on its properties.
        var returnType = method.ReturnType is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask" } task ? task.TypeArguments[0] : method.ReturnType;
        if (returnType is INamedTypeSymbol { TypeKind: TypeKind.Class } named && named.Locations.Length > 0 && named.Locations[0].IsInSource)
        {
            foreach (var member in named.GetMembers())
            {
                if (member is IPropertySymbol property)
                {
                    foreach (var attribute in property.GetAttributes())
                    {
                        if (attribute.AttributeClass.IsOrDerivesFrom(context.OutputBinding))
                        {
                            return OutputBindingEvidence(attribute);
                        }
                    }
                }
            }
        }

        return null;

        static ToolEffectEvidence OutputBindingEvidence(AttributeData attribute)
        {
            var name = attribute.AttributeClass!.Name;
            if (name.EndsWith("Attribute", System.StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Attribute".Length);
            }

            return new ToolEffectEvidence(ToolEffect.Destructive, EvidenceSource.OutputBinding, $"has output binding [{name}]", attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation());
        }
    }

    private static bool IsComputingVerb(VerbVerdict verdict) =>
        verdict.Effect == ToolEffect.Destructive && verdict.Verb is not null && ToolWords.ComputingVerbs.Contains(verdict.Verb);

    /// <summary>
    /// The body only computes a result from its arguments: no await, no assignment to fields or properties, no
    /// creations or calls beyond strings, numbers, dates, collections and LINQ ("AppendDay(input, day) => input + day").
    /// </summary>
    private static bool IsPureComputation(ToolSafetyContext context, ToolDeclaration tool, CancellationToken cancellationToken)
    {
        var body = tool.LambdaBody ?? (tool.Method is { } method ? context.GetBody(method, cancellationToken) : null);
        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IAwaitOperation:
                    return false;
                case IAssignmentOperation { Target: not (ILocalReferenceOperation or IParameterReferenceOperation or IDiscardOperation) }:
                case IIncrementOrDecrementOperation { Target: not (ILocalReferenceOperation or IParameterReferenceOperation) }:
                    return false;
                case IInvocationOperation invocation when !IsComputationType(invocation.TargetMethod.ContainingType):
                    return false;
                case IObjectCreationOperation creation when creation.Type is not null && !creation.Type.IsAnonymousType && !IsComputationType(creation.Type):
                    return false;
            }
        }

        return true;
    }

    private static bool IsComputationType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType != SpecialType.None)
        {
            return true;
        }

        var ns = type.ContainingNamespace?.ToDisplayString();
        return ns is "System.Text" or "System.Linq" or "System.Collections.Generic" or "System.Globalization" or "System.Text.RegularExpressions"
            || (ns == "System" && type.Name is "Math" or "MathF" or "Convert" or "Char" or "DateTime" or "DateTimeOffset" or "TimeSpan" or "Guid" or "DateOnly" or "TimeOnly" or "Random" or "MemoryExtensions" or "StringComparer")
            || (ns == "System.Threading.Tasks" && type.Name is "Task" or "ValueTask");
    }

    /// <summary>"add(a, b)" adds numbers: arithmetic verbs over numeric parameters (or a description about numbers) do not write.</summary>
    private static bool IsArithmetic(ToolDeclaration tool, VerbVerdict verdict)
    {
        if (verdict.Verb is null || !ToolWords.ArithmeticVerbs.Contains(verdict.Verb))
        {
            return false;
        }

        if (tool.Description is { } description && description.IndexOf("number", System.StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        if (tool.Method is not { Parameters.Length: > 0 } method)
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType is not (SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Single
                or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_Byte or SpecialType.System_SByte)
                && parameter.Type.Name != "CancellationToken")
            {
                return false;
            }
        }

        return true;
    }
}
