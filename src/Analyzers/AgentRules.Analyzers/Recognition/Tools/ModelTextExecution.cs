using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Tools that run what the model sends: the text of one of the tool's own string parameters becomes SQL
/// (an ADO.NET command's text, Dapper's <c>sql</c>, EF Core <c>FromSqlRaw</c>/<c>SqlQueryRaw</c>), a shell command
/// (a process file name, an <c>ArgumentList</c> entry, the arguments of a shell such as <c>bash -c</c>), a
/// PowerShell script (<c>AddScript</c>/<c>AddCommand</c>) or C# script code (<c>CSharpScript.EvaluateAsync</c>/<c>RunAsync</c>/<c>Create</c>).
/// Such a tool writes whatever the model asks for, so it is destructive — and a read-only declaration on it is false
/// (AGR0007) — unless the code enforces read-only before it runs the text.
/// </summary>
/// <remarks>
/// <para>The text counts when it is the parameter itself, passes through locals, string methods
/// (<c>Trim</c>...), or is the start of a concatenation or interpolation; a template that only inserts the parameter
/// into fixed text (<c>$"SELECT * FROM {table}"</c>, <c>$"get {package}"</c>) is not the model's statement. For a shell the
/// parameter may be anywhere in the arguments.</para>
/// <para>Read-only is enforced when, before running the text, the code tests it and returns or throws
/// (<c>if (!sql.TrimStart().StartsWith("SELECT", ...)) throw ...</c>, <c>if (!IsReadOnlyQuery(sql)) return ...</c>), calls a
/// validator with it (<c>Validate*</c>, <c>Ensure*</c>, <c>Check*</c>, <c>Guard*</c>, <c>Assert*</c>, <c>Throw*</c>), or rolls the work
/// back (<c>Rollback</c>). Null and emptiness checks are not enforcement. Same-compilation methods the tool hands the
/// text to are followed two levels deep.</para>
/// </remarks>
internal static class ModelTextExecution
{
    private static readonly ImmutableHashSet<string> Shells = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "bash", "sh", "zsh", "cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe", "/bin/bash", "/bin/sh", "/usr/bin/bash", "/bin/zsh");

    private static readonly string[] ValidatorPrefixes = { "Validate", "Ensure", "Check", "Guard", "Assert", "Throw", "Verify", "IsReadOnly", "IsSelect", "IsSafe" };

    /// <summary>Evidence that the tool runs its caller's text as SQL, a command or a script, or null.</summary>
    internal static ToolEffectEvidence? Find(ToolSafetyContext context, ToolDeclaration tool, CancellationToken cancellationToken)
    {
        var body = tool.LambdaBody ?? (tool.Method is { } method ? context.GetBody(method, cancellationToken) : null);
        if (body is not null && tool.Method is null && tool.Form == ToolForm.OpenAIChatTool)
        {
            return FromDispatch(context, body, cancellationToken);
        }

        if (body is null || tool.Method is null)
        {
            return null;
        }

        var parameters = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var parameter in tool.Method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String)
            {
                parameters.Add(parameter);
            }
        }

        return parameters.Count == 0 ? null : FindIn(context, body, parameters, depth: 0, cancellationToken);
    }

    /// <summary>
    /// A chat tool's body is the branch of the app's dispatch that runs it (<c>case "run_command": …</c>, or the handler
    /// of a <c>["run_command"] = args =&gt; …</c> map): the model's text is what the branch reads from the tool call's
    /// <c>FunctionArguments</c> (<c>JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("command").GetString()</c>),
    /// parsed in the branch or before the dispatch in the same method, or the handler's own parameters.
    /// </summary>
    private static ToolEffectEvidence? FromDispatch(ToolSafetyContext context, IOperation branch, CancellationToken cancellationToken)
    {
        var model = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var root = branch;
        while (root.Parent is { } parent)
        {
            if (root is IAnonymousFunctionOperation handler && model.Count == 0)
            {
                foreach (var parameter in handler.Symbol.Parameters)
                {
                    model.Add(parameter);
                }
            }

            root = parent;
        }

        return FindIn(context, branch, model, depth: 0, cancellationToken, flowRoot: root);
    }

    private static ToolEffectEvidence? FindIn(ToolSafetyContext context, IOperation body, HashSet<ISymbol> model, int depth, CancellationToken cancellationToken, IOperation? flowRoot = null)
    {
        var flow = new Flow(flowRoot ?? body, model);
        foreach (var operation in body.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Sink(operation, flow) is { } text)
            {
                if (flow.Enforced(operation))
                {
                    continue; // the code checks this text before it runs it
                }

                return new ToolEffectEvidence(ToolEffect.Destructive, EvidenceSource.BodyCall, text, operation.Syntax.GetLocation());
            }

            // The text handed to a same-compilation helper (a repository's ExecuteQuery(sql)): follow it.
            if (depth < 2 && operation is IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences.Length: > 0 } target } call)
            {
                var passed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter && flow.IsModelText(argument.Value, anywhere: false))
                    {
                        passed.Add(parameter.OriginalDefinition);
                    }
                }

                if (passed.Count > 0 && !flow.Enforced(call) && context.GetBody(target.OriginalDefinition, cancellationToken) is { } calleeBody
                    && FindIn(context, calleeBody, passed, depth + 1, cancellationToken) is { } inner)
                {
                    return inner with { Text = inner.Text + " via " + (target.ContainingType is null ? target.Name : target.ContainingType.Name + "." + target.Name) };
                }
            }
        }

        return null;
    }

    /// <summary>What an operation runs of the model's text ("runs the SQL text the model sends, with SqlCommand"), or null.</summary>
    private static string? Sink(IOperation operation, Flow flow)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Type: INamedTypeSymbol type } creation when IsDbCommand(type):
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } && flow.IsModelText(argument.Value, anywhere: false))
                    {
                        return $"runs the SQL text the model sends, with {type.Name}";
                    }
                }

                break;
            case IObjectCreationOperation { Type: INamedTypeSymbol { Name: "ProcessStartInfo" } start } creation when InNamespace(start, "System.Diagnostics"):
                if (creation.Arguments.Length > 0 && flow.IsModelText(creation.Arguments[0].Value, anywhere: false))
                {
                    return "runs the command the model sends, with ProcessStartInfo";
                }

                if (creation.Arguments.Length > 1 && flow.IsModelText(creation.Arguments[1].Value, anywhere: IsShell(creation.Arguments[0].Value)))
                {
                    return "runs the command the model sends, with ProcessStartInfo";
                }

                break;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property, Instance: var instance } } assignment:
                if (property.Name == "CommandText" && IsDbCommand(property.ContainingType) && flow.IsModelText(assignment.Value, anywhere: false))
                {
                    return $"runs the SQL text the model sends, with {(instance?.Type as INamedTypeSymbol)?.Name ?? property.ContainingType.Name}.CommandText";
                }

                if (property.ContainingType is { Name: "ProcessStartInfo" } info && InNamespace(info, "System.Diagnostics")
                    && ((property.Name == "FileName" && flow.IsModelText(assignment.Value, anywhere: false))
                        || (property.Name == "Arguments" && flow.IsModelText(assignment.Value, anywhere: flow.ShellStarted))))
                {
                    return "runs the command the model sends, with ProcessStartInfo";
                }

                break;
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
                var containing = method.ContainingType;
                if (containing is null)
                {
                    break;
                }

                if (method.Name == "Add" && invocation.Instance is IPropertyReferenceOperation { Property: { Name: "ArgumentList", ContainingType.Name: "ProcessStartInfo" } }
                    && invocation.Arguments.Length == 1 && flow.IsModelText(invocation.Arguments[0].Value, anywhere: false))
                {
                    return "runs the command the model sends, with ProcessStartInfo.ArgumentList";
                }

                if (containing.Name == "Process" && method.Name == "Start" && InNamespace(containing, "System.Diagnostics") && invocation.Arguments.Length >= 1
                    && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String
                    && (flow.IsModelText(invocation.Arguments[0].Value, anywhere: false)
                        || (invocation.Arguments.Length > 1 && flow.IsModelText(invocation.Arguments[1].Value, anywhere: IsShell(invocation.Arguments[0].Value)))))
                {
                    return "runs the command the model sends, with Process.Start";
                }

                var text = ArgumentNamed(invocation, "sql", "code", "script", "command", "cmdText", "commandText");
                if (text is null || !flow.IsModelText(text, anywhere: false))
                {
                    break;
                }

                if (containing.Name == "SqlMapper" && InNamespace(containing, "Dapper"))
                {
                    return $"runs the SQL text the model sends, with Dapper {method.Name}";
                }

                if (method.Name is "FromSqlRaw" or "SqlQueryRaw" or "ExecuteSqlRaw" or "ExecuteSqlRawAsync" && containing.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true)
                {
                    return $"runs the SQL text the model sends, with {method.Name}";
                }

                if (containing.Name == "PowerShell" && method.Name is "AddScript" or "AddCommand" && InNamespace(containing, "System.Management.Automation"))
                {
                    return $"runs the script the model sends, with PowerShell.{method.Name}";
                }

                if (containing.Name == "CSharpScript" && method.Name is "EvaluateAsync" or "RunAsync" or "Create" && InNamespace(containing, "Microsoft.CodeAnalysis.CSharp.Scripting"))
                {
                    return $"runs the C# code the model sends, with CSharpScript.{method.Name}";
                }

                break;
        }

        return null;
    }

    private static IOperation? ArgumentNamed(IInvocationOperation invocation, params string[] names)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && Array.IndexOf(names, parameter.Name) >= 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static bool IsDbCommand(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == "DbCommand" && InNamespace(current, "System.Data.Common"))
            {
                return true;
            }
        }

        if (type is not null)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == "IDbCommand" && InNamespace(implemented, "System.Data"))
                {
                    return true;
                }
            }

            return type is { TypeKind: TypeKind.Interface, Name: "IDbCommand" } && InNamespace(type, "System.Data");
        }

        return false;
    }

    private static bool InNamespace(ISymbol symbol, string ns) => symbol.ContainingNamespace?.ToDisplayString() == ns;

    /// <summary>JSON readers and the raw text a tool call carries: System.Text.Json, Newtonsoft.Json, <c>BinaryData</c>.</summary>
    private static bool IsJson(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.Name == "BinaryData" && InNamespace(type, "System"))
        {
            return true;
        }

        var ns = type.ContainingNamespace?.ToDisplayString();
        return ns is not null && (ns.StartsWith("System.Text.Json", StringComparison.Ordinal) || ns.StartsWith("Newtonsoft.Json", StringComparison.Ordinal));
    }

    private static bool IsToolCallArguments(ITypeSymbol? type) =>
        type is { SpecialType: SpecialType.System_String } || (type is INamedTypeSymbol named && IsJson(named));

    private static bool IsShell(IOperation fileName) =>
        ToolSafetyContext.Unwrap(fileName).ConstantValue is { HasValue: true, Value: string name } && Shells.Contains(name.Trim());

    /// <summary>Which values of a body carry the model's text.</summary>
    private sealed class Flow
    {
        private readonly IOperation _body;
        private readonly HashSet<ISymbol> _model;
        private readonly Dictionary<ISymbol, List<IOperation>> _assigned = new(SymbolEqualityComparer.Default);

        public Flow(IOperation body, HashSet<ISymbol> model)
        {
            _body = body;
            _model = model;
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Symbol: var local } declarator when (declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value) is { } value:
                        Add(local, value);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var target } } assignment:
                        Add(target, assignment.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IParameterReferenceOperation { Parameter: var parameter } } assignment:
                        Add(parameter, assignment.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "FileName", Property.ContainingType.Name: "ProcessStartInfo" } } start when IsShell(start.Value):
                        ShellStarted = true;
                        break;
                    case IObjectCreationOperation { Type.Name: "ProcessStartInfo", Arguments.Length: > 0 } creation when IsShell(creation.Arguments[0].Value):
                        ShellStarted = true;
                        break;
                    case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation { Local: var declared }, Parent: IArgumentOperation { Parent: IInvocationOperation reading } }:
                        Add(declared, reading); // root.TryGetProperty("command", out var command): what the call reads
                        break;
                }
            }
        }

        /// <summary>The body starts a shell (<c>FileName = "bash"</c>): the model's text anywhere in its arguments is a command.</summary>
        public bool ShellStarted { get; }

        private void Add(ISymbol symbol, IOperation value)
        {
            if (!_assigned.TryGetValue(symbol, out var list))
            {
                _assigned[symbol] = list = new List<IOperation>();
            }

            list.Add(value);
        }

        public bool IsModelText(IOperation value, bool anywhere) => IsModelText(value, anywhere, new HashSet<ISymbol>(SymbolEqualityComparer.Default));

        private bool IsModelText(IOperation value, bool anywhere, HashSet<ISymbol> visiting)
        {
            value = ToolSafetyContext.Unwrap(value);
            switch (value)
            {
                case IParameterReferenceOperation { Parameter: var parameter }:
                    return _model.Contains(parameter.OriginalDefinition) || _model.Contains(parameter) || FromAssignments(parameter, anywhere, visiting);
                case ILocalReferenceOperation { Local: var local }:
                    return FromAssignments(local, anywhere, visiting);
                case IInterpolatedStringOperation interpolated:
                    for (var i = 0; i < interpolated.Parts.Length; i++)
                    {
                        var part = interpolated.Parts[i];
                        if (part is IInterpolationOperation { Expression: var expression } && IsModelText(expression, anywhere, visiting))
                        {
                            return true;
                        }

                        if (!anywhere && part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string fixedText } } && fixedText.Trim().Length > 0)
                        {
                            return false; // fixed text first: a template, not the model's statement
                        }
                    }

                    return false;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return IsModelText(concatenation.LeftOperand, anywhere, visiting) || (anywhere && IsModelText(concatenation.RightOperand, anywhere, visiting));
                case ICoalesceOperation coalesce:
                    return IsModelText(coalesce.Value, anywhere, visiting);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsModelText(conditional.WhenTrue, anywhere, visiting) || IsModelText(whenFalse, anywhere, visiting);
                case IInvocationOperation { Instance: { } instance, TargetMethod.ContainingType.SpecialType: SpecialType.System_String }:
                    return IsModelText(instance, anywhere, visiting); // sql.Trim(), command.Replace(...)
                case IPropertyReferenceOperation { Property: { Name: "FunctionArguments" } arguments } when IsToolCallArguments(arguments.Type):
                    return true; // the arguments the model sends with a chat tool call
                case IPropertyReferenceOperation { Instance: { } owner, Property: var member } when member.IsIndexer || IsJson(member.ContainingType):
                    return IsModelText(owner, anywhere, visiting); // root.RootElement, arguments["command"]
                case IInvocationOperation { TargetMethod: var method } json when method.Name == "ToString" || IsJson(method.ContainingType):
                    // element.GetProperty("command").GetString(), JsonDocument.Parse(call.FunctionArguments), JsonSerializer.Deserialize<T>(…)
                    return json.Instance is { } receiver ? IsModelText(receiver, anywhere, visiting)
                        : json.Arguments.Length > 0 && IsModelText(json.Arguments[0].Value, anywhere, visiting);
                default:
                    return false;
            }
        }

        private bool FromAssignments(ISymbol symbol, bool anywhere, HashSet<ISymbol> visiting)
        {
            if (!visiting.Add(symbol) || !_assigned.TryGetValue(symbol, out var values))
            {
                return false;
            }

            foreach (var value in values)
            {
                if (IsModelText(value, anywhere, visiting))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The body enforces read-only on the model's text that <paramref name="sink"/> runs: it tests that text (or
        /// what it is made from) and returns or throws, hands it to a validator, or rolls the work back. A check of
        /// another of the model's values — an option parsed as an enum, a flag — does not make the run text safe.
        /// </summary>
        public bool Enforced(IOperation sink)
        {
            var run = Roots(sink);
            if (run.Count == 0)
            {
                return false;
            }

            foreach (var operation in _body.Descendants())
            {
                switch (operation)
                {
                    case IConditionalOperation conditional when ExitsEarly(conditional.WhenTrue) && TestsText(conditional.Condition, run):
                        return true;
                    case IInvocationOperation { TargetMethod.Name: "Rollback" or "RollbackAsync" }:
                        return true;
                    case IInvocationOperation call when IsValidator(call.TargetMethod.Name) && PassesText(call, run):
                        return true;
                }
            }

            return false;
        }

        /// <summary>The model's values (its parameters, the tool call's arguments) that an operation's text is made from.</summary>
        private HashSet<ISymbol> Roots(IOperation operation)
        {
            var roots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            AddRoots(operation, roots, new HashSet<ISymbol>(SymbolEqualityComparer.Default));
            return roots;
        }

        private void AddRoots(IOperation operation, HashSet<ISymbol> roots, HashSet<ISymbol> visiting)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IParameterReferenceOperation { Parameter: var parameter }:
                        if (_model.Contains(parameter.OriginalDefinition) || _model.Contains(parameter))
                        {
                            roots.Add(parameter.OriginalDefinition);
                        }

                        AddAssignedRoots(parameter, roots, visiting);
                        break;
                    case ILocalReferenceOperation { Local: var local }:
                        AddAssignedRoots(local, roots, visiting);
                        break;
                    case IPropertyReferenceOperation { Property: { Name: "FunctionArguments" } arguments } when IsToolCallArguments(arguments.Type):
                        roots.Add(arguments);
                        break;
                }
            }
        }

        private void AddAssignedRoots(ISymbol symbol, HashSet<ISymbol> roots, HashSet<ISymbol> visiting)
        {
            if (visiting.Add(symbol) && _assigned.TryGetValue(symbol, out var values))
            {
                foreach (var value in values)
                {
                    AddRoots(value, roots, visiting);
                }
            }
        }

        private static bool ExitsEarly(IOperation branch)
        {
            foreach (var operation in branch.DescendantsAndSelf())
            {
                if (operation is IReturnOperation or IThrowOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The condition inspects the text (StartsWith, Contains, Regex, a check method), not only its emptiness.</summary>
        private bool TestsText(IOperation condition, HashSet<ISymbol> run)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && call.TargetMethod.Name is not ("IsNullOrEmpty" or "IsNullOrWhiteSpace" or "Exists") && PassesText(call, run))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The call is handed the model's text that the run text is made from.</summary>
        private bool PassesText(IInvocationOperation call, HashSet<ISymbol> run)
        {
            if (call.Instance is { } instance && IsModelText(instance, anywhere: false) && Roots(instance).Overlaps(run))
            {
                return true;
            }

            foreach (var argument in call.Arguments)
            {
                if (IsModelText(argument.Value, anywhere: false) && Roots(argument.Value).Overlaps(run))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsValidator(string name)
        {
            foreach (var prefix in ValidatorPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
