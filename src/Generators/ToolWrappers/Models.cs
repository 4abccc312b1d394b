using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>The effect a tool declares with <c>[DestructiveTool]</c> or <c>[ReadOnlyTool]</c> (on the method or its type).</summary>
public enum DeclaredToolEffect
{
    /// <summary>Neither attribute.</summary>
    Unspecified = 0,

    /// <summary><c>[ReadOnlyTool]</c>.</summary>
    ReadOnly = 1,

    /// <summary><c>[DestructiveTool]</c> (wins when both are present).</summary>
    Destructive = 2,
}

/// <summary>Where a tool's environment scope was declared.</summary>
public enum EnvironmentScopeSource
{
    /// <summary>No <c>[EnvironmentScope]</c> applies: the tool may run anywhere.</summary>
    None = 0,

    /// <summary>On the method.</summary>
    Method = 1,

    /// <summary>On the declaring type or a type containing it.</summary>
    Type = 2,

    /// <summary>On the assembly.</summary>
    Assembly = 3,
}

/// <summary>How a tool returns its result.</summary>
public enum ToolReturnKind
{
    /// <summary><c>void</c>.</summary>
    Void = 0,

    /// <summary>A value, synchronously.</summary>
    Value = 1,

    /// <summary><c>Task</c>.</summary>
    Task = 2,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT = 3,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask = 4,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT = 5,
}

/// <summary>What a parameter is for.</summary>
public enum ToolParameterRole
{
    /// <summary>An argument the model supplies (it appears in the JSON schema).</summary>
    Argument = 0,

    /// <summary>A <c>CancellationToken</c>: bound to the call's token, not shown to the model.</summary>
    CancellationToken = 1,
}

/// <summary>The shape of a parameter type as far as JSON schema and binding are concerned.</summary>
#pragma warning disable CA1720 // The members are named after the CLR types they stand for (the emitter calls Try{Kind}).
public enum ToolValueKind
{
    /// <summary>A type generated AIFunctions cannot bind from JSON (the guarded wrapper still works).</summary>
    Unsupported = 0,
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
    Enum,

    /// <summary>An array or list; see <see cref="ToolValueType.Element"/> and <see cref="ToolValueType.Collection"/>.</summary>
    Array,

    /// <summary>A positional record; see <see cref="ToolValueType.Members"/>.</summary>
    Record,
}
#pragma warning restore CA1720

/// <summary>How a collection parameter is built.</summary>
public enum ToolCollectionShape
{
    /// <summary>Not a collection.</summary>
    None = 0,

    /// <summary><c>T[]</c>.</summary>
    Array = 1,

    /// <summary><c>List&lt;T&gt;</c> or an interface it implements (<c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, ...).</summary>
    List = 2,
}

/// <summary>A parameter (or record member) type: its C# name, its JSON shape and, for collections and records, what is inside.</summary>
/// <param name="Kind">The JSON/binding shape.</param>
/// <param name="TypeName">The fully qualified C# type as declared, with <c>?</c> where it accepts null (e.g. <c>global::System.Collections.Generic.List&lt;int&gt;?</c>).</param>
/// <param name="DisplayName">The type as users write it, for messages (e.g. <c>List&lt;int&gt;?</c>).</param>
/// <param name="IsNullable">True for <c>Nullable&lt;T&gt;</c> and for reference types annotated with <c>?</c>.</param>
/// <param name="Collection">For <see cref="ToolValueKind.Array"/>: how the collection is built.</param>
/// <param name="Element">For <see cref="ToolValueKind.Array"/>: the element type.</param>
/// <param name="EnumNames">For <see cref="ToolValueKind.Enum"/>: the member names, in declaration order.</param>
/// <param name="Members">For <see cref="ToolValueKind.Record"/>: the primary constructor's parameters.</param>
public sealed record ToolValueType(
    ToolValueKind Kind,
    string TypeName,
    string DisplayName,
    bool IsNullable,
    ToolCollectionShape Collection,
    ToolValueType? Element,
    EquatableArray<string> EnumNames,
    EquatableArray<ToolRecordMember> Members)
{
    /// <summary>True when a generated AIFunction can bind this type from JSON (recursively).</summary>
    public bool IsSupported => Kind switch
    {
        ToolValueKind.Unsupported => false,
        ToolValueKind.Array => Element is { IsSupported: true },
        ToolValueKind.Record => AllMembersSupported(),
        _ => true,
    };

    /// <summary>The JSON schema type name: string, boolean, integer, number, array or object.</summary>
    public string JsonType => Kind switch
    {
        ToolValueKind.Boolean => "boolean",
        ToolValueKind.Byte or ToolValueKind.SByte or ToolValueKind.Int16 or ToolValueKind.UInt16 or ToolValueKind.Int32
            or ToolValueKind.UInt32 or ToolValueKind.Int64 or ToolValueKind.UInt64 => "integer",
        ToolValueKind.Single or ToolValueKind.Double or ToolValueKind.Decimal => "number",
        ToolValueKind.Array => "array",
        ToolValueKind.Record => "object",
        _ => "string",
    };

    private bool AllMembersSupported()
    {
        foreach (var member in Members)
        {
            if (!member.Type.IsSupported)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One member of a positional record parameter (a primary constructor parameter).</summary>
/// <param name="Name">The constructor parameter name as declared.</param>
/// <param name="JsonName">The property name in JSON (camelCase; binding accepts any casing).</param>
/// <param name="Description">From <c>[Description]</c> on the parameter or its property; null when none.</param>
/// <param name="Type">The member type.</param>
/// <param name="IsRequired">False when the constructor parameter has a default value.</param>
/// <param name="DefaultValueCode">The default value as C#; null when required.</param>
/// <param name="DefaultValueJson">The default value as JSON; null when required or not representable.</param>
public sealed record ToolRecordMember(
    string Name,
    string JsonName,
    string? Description,
    ToolValueType Type,
    bool IsRequired,
    string? DefaultValueCode,
    string? DefaultValueJson);

/// <summary>One parameter of an agent tool.</summary>
/// <param name="Name">The parameter name (also its name in the JSON arguments).</param>
/// <param name="Description">From <c>[Description]</c> or the XML doc <c>&lt;param&gt;</c>; null when undocumented.</param>
/// <param name="Type">The parameter type.</param>
/// <param name="Role">An argument, or the call's cancellation token.</param>
/// <param name="IsRequired">False when the parameter has a default value.</param>
/// <param name="DefaultValueCode">The default value as C#; null when required.</param>
/// <param name="DefaultValueJson">The default value as JSON; null when required or not representable.</param>
/// <param name="Modifier">"in", "params" or empty.</param>
public sealed record ToolParameterModel(
    string Name,
    string? Description,
    ToolValueType Type,
    ToolParameterRole Role,
    bool IsRequired,
    string? DefaultValueCode,
    string? DefaultValueJson,
    string Modifier);

/// <summary>
/// Everything AgentRules knows about one <c>[AgentTool]</c> method: what the generator emits from, and what the
/// process spec lists. Holds no compiler objects, so it is cached by value across edits.
/// </summary>
/// <param name="Name">The tool name the model sees (<c>[AgentTool("name")]</c>, else the method name).</param>
/// <param name="MethodName">The C# method name.</param>
/// <param name="ContainingTypeName">The declaring type, fully qualified (<c>global::Ns.Type</c>).</param>
/// <param name="DocumentationId">The method's documentation comment id (<c>M:Ns.Type.Method(System.Int32)</c>).</param>
/// <param name="Description">From <c>[Description]</c>, else the XML doc summary; empty when undocumented.</param>
/// <param name="Effect">The declared effect.</param>
/// <param name="Environments">The environments the tool may run in; empty when unscoped.</param>
/// <param name="ScopeSource">Where the environment scope was declared.</param>
/// <param name="RequiresApproval">True with <c>[RequiresApproval]</c> on the method or its type.</param>
/// <param name="MaxCalls">From <c>[ToolBudget(MaxCalls = n)]</c>; 0 when unlimited.</param>
/// <param name="Cost">From <c>[ToolBudget(Cost = n)]</c>; 1 by default.</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="ReturnKind">How the tool returns.</param>
/// <param name="ResultTypeName">The result type (<c>T</c> of <c>Task&lt;T&gt;</c>, or the return type); null for void, Task and ValueTask.</param>
/// <param name="IsStatic">True for static methods.</param>
/// <param name="Accessibility">The method's C# accessibility (<c>public</c>, <c>internal</c>, ...).</param>
public sealed record AgentToolModel(
    string Name,
    string MethodName,
    string ContainingTypeName,
    string DocumentationId,
    string Description,
    DeclaredToolEffect Effect,
    EquatableArray<string> Environments,
    EnvironmentScopeSource ScopeSource,
    bool RequiresApproval,
    int MaxCalls,
    int Cost,
    EquatableArray<ToolParameterModel> Parameters,
    ToolReturnKind ReturnKind,
    string? ResultTypeName,
    bool IsStatic,
    string Accessibility)
{
    /// <summary>True when every argument type can be bound from JSON: an AIFunction can be generated.</summary>
    public bool SupportsAIFunction
    {
        get
        {
            foreach (var parameter in Parameters)
            {
                if (parameter.Role == ToolParameterRole.Argument && !parameter.Type.IsSupported)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>True for Task and ValueTask returns.</summary>
    public bool IsAsync => ReturnKind is ToolReturnKind.Task or ToolReturnKind.TaskOfT or ToolReturnKind.ValueTask or ToolReturnKind.ValueTaskOfT;
}

/// <summary>One type in the chain of (partial) types that declares tools, outermost first.</summary>
/// <param name="Keyword">"class", "struct", "record" or "record struct".</param>
/// <param name="Name">The type name.</param>
public sealed record ContainingTypeDeclaration(string Keyword, string Name);

/// <summary>The partial type that declares tools: where the generated members go.</summary>
/// <param name="Namespace">The namespace; empty for the global namespace.</param>
/// <param name="Types">The declaration chain, outermost first.</param>
/// <param name="FullName">The type, fully qualified (<c>global::Ns.Outer.Inner</c>).</param>
/// <param name="IsStatic">True for static classes.</param>
/// <param name="IsValueType">True for structs.</param>
/// <param name="DisplayName">The type as users write it (<c>Outer.Inner</c>), for messages.</param>
public sealed record ToolContainerModel(
    string Namespace,
    EquatableArray<ContainingTypeDeclaration> Types,
    string FullName,
    bool IsStatic,
    bool IsValueType,
    string DisplayName);

/// <summary>A generator diagnostic, as plain data: reported with a real source location in a separate step.</summary>
/// <param name="Id">The diagnostic id (AGR01xx).</param>
/// <param name="Arguments">The message arguments.</param>
/// <param name="FilePath">The syntax tree's path.</param>
/// <param name="Span">The span in that tree.</param>
/// <param name="OnlyWithAIFunctions">True when the problem matters only where AIFunctions are generated (Microsoft.Extensions.AI referenced).</param>
public sealed record ToolDiagnosticInfo(
    string Id,
    EquatableArray<string> Arguments,
    string FilePath,
    TextSpan Span,
    bool OnlyWithAIFunctions);

/// <summary>What the parser found for one <c>[AgentTool]</c> method: the tool and its type, or why there is none, and any diagnostics.</summary>
/// <param name="Container">The declaring type; null when no wrapper can be generated.</param>
/// <param name="Tool">The tool; null when no wrapper can be generated.</param>
/// <param name="Diagnostics">Problems found.</param>
/// <param name="FilePath">Where the method is declared (for duplicate-name diagnostics).</param>
/// <param name="NameSpan">The method name's span.</param>
public sealed record AgentToolParseResult(
    ToolContainerModel? Container,
    AgentToolModel? Tool,
    EquatableArray<ToolDiagnosticInfo> Diagnostics,
    string FilePath,
    TextSpan NameSpan);

/// <summary>The tools of one partial type.</summary>
public sealed record ToolTypeGroup(ToolContainerModel Container, EquatableArray<AgentToolModel> Tools);

/// <summary>What the generated code may use in this compilation.</summary>
/// <param name="HasAIFunction">Microsoft.Extensions.AI.Abstractions is referenced: generate AIFunctions.</param>
/// <param name="HasApprovalRequired">ApprovalRequiredAIFunction exists: wrap [RequiresApproval] tools in it.</param>
/// <param name="HasCallContext">FunctionInvokingChatClient.CurrentContext exists: trace the model's call id.</param>
/// <param name="SupportsUtf8Literals">C# 11 or later: schemas as UTF-8 literals.</param>
/// <param name="AssemblyEnvironments">The assembly-level [EnvironmentScope], or null.</param>
public sealed record GenerationOptions(
    bool HasAIFunction,
    bool HasApprovalRequired,
    bool HasCallContext,
    bool SupportsUtf8Literals,
    EquatableArray<string>? AssemblyEnvironments);
