using System;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Tools that start a writing command written in the code: <c>ProcessHelper.Run("go", "mod tidy", dir)</c>,
/// <c>new ProcessStartInfo("git", $"commit -am \"{message}\"")</c>, <c>Process.Start("npm", "install " + package)</c>,
/// <c>bash -c "rm -rf build"</c>. The program and the first words of its arguments are read where they are fixed
/// text — a constant, the fixed start of an interpolation or concatenation, a local holding one, or a helper's parameter
/// given such text by the tool — and matched against <see cref="WritingCommands"/>. A command whose text the model sends
/// is <see cref="ModelTextExecution"/>'s; a command that only reads (<c>go test</c>, <c>git status</c>), or whose
/// program or subcommand is not fixed text, gives no evidence here.
/// </summary>
/// <remarks>
/// The tool's body is read with the same-compilation methods it calls, two levels deep, the arguments it passes to
/// them standing for their parameters. A process start is a <c>ProcessStartInfo</c> created with a file name and
/// arguments (in its constructor or initializer), <c>FileName</c>/<c>Arguments</c> assigned on one in the same body,
/// or <c>Process.Start(fileName, arguments)</c>.
/// </remarks>
internal static class CommandLineEffects
{
    /// <summary>Stands for text that is not fixed (a value known only at run time): words stop there.</summary>
    private const char Unknown = '\u0001';

    private static readonly string[] s_extensions = { ".exe", ".cmd", ".bat" };
    private static readonly char[] s_whitespace = { ' ', '\t', '\r', '\n' };

    /// <summary>Evidence that the tool starts a writing command, or null.</summary>
    internal static ToolEffectEvidence? Find(ToolSafetyContext context, ToolDeclaration tool, CancellationToken cancellationToken)
    {
        var body = tool.LambdaBody ?? (tool.Method is { } method ? context.GetBody(method, cancellationToken) : null);
        return body is null ? null : FindIn(context, body, null, depth: 0, cancellationToken);
    }

    private static ToolEffectEvidence? FindIn(ToolSafetyContext context, IOperation body, Dictionary<IParameterSymbol, string?>? bindings, int depth, CancellationToken cancellationToken)
    {
        var scope = new Scope(body, bindings);
        string? assignedFile = null, assignedArguments = null;
        IOperation? assignment = null;
        var assignedFiles = 0;
        foreach (var operation in body.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IObjectCreationOperation { Type: INamedTypeSymbol { Name: "ProcessStartInfo" } type } creation when IsDiagnostics(type):
                    var file = creation.Arguments.Length > 0 ? scope.Text(creation.Arguments[0].Value) : InitializerText(creation, "FileName", scope);
                    var arguments = creation.Arguments.Length > 1 ? scope.Text(creation.Arguments[1].Value) : InitializerText(creation, "Arguments", scope);
                    if (Match(file, arguments) is { } command)
                    {
                        return Evidence(command, creation);
                    }

                    break;
                case IInvocationOperation { TargetMethod: { Name: "Start", ContainingType: { Name: "Process" } process } } start
                    when IsDiagnostics(process) && start.Arguments.Length >= 1 && start.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                    if (Match(scope.Text(start.Arguments[0].Value), start.Arguments.Length > 1 ? scope.Text(start.Arguments[1].Value) : string.Empty) is { } started)
                    {
                        return Evidence(started, start);
                    }

                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { ContainingType: { Name: "ProcessStartInfo" } info } property } } set
                    when IsDiagnostics(info) && set.Parent is not IObjectOrCollectionInitializerOperation:
                    if (property.Name == "FileName")
                    {
                        assignedFile = scope.Text(set.Value);
                        assignedFiles++;
                        assignment ??= set;
                    }
                    else if (property.Name == "Arguments")
                    {
                        assignedArguments = scope.Text(set.Value);
                    }

                    break;
                case IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences.Length: > 0 } target } call when depth < 2:
                    var passed = new Dictionary<IParameterSymbol, string?>(SymbolEqualityComparer.Default);
                    var anyFixed = false;
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter && scope.Text(argument.Value) is { } text)
                        {
                            passed[parameter.OriginalDefinition] = text;
                            anyFixed |= text.Length > 0 && text[0] != Unknown;
                        }
                    }

                    // Followed when the call hands the helper fixed text, or the helper spells a process start itself.
                    if ((anyFixed || MentionsProcess(target)) && context.GetBody(target.OriginalDefinition, cancellationToken) is { } calleeBody
                        && FindIn(context, calleeBody, passed, depth + 1, cancellationToken) is { } inner)
                    {
                        return inner with
                        {
                            Text = inner.Text + " via " + (target.ContainingType is null ? target.Name : target.ContainingType.Name + "." + target.Name),
                            Location = call.Syntax.GetLocation(),
                        };
                    }

                    break;
            }
        }

        return assignedFiles == 1 && Match(assignedFile, assignedArguments ?? string.Empty) is { } assigned ? Evidence(assigned, assignment!) : null;
    }

    private static bool MentionsProcess(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax().DescendantTokens())
            {
                if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) && token.ValueText is "Process" or "ProcessStartInfo")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ToolEffectEvidence Evidence(string command, IOperation at) =>
        new(ToolEffect.Destructive, EvidenceSource.BodyCall, $"runs '{command}'", at.Syntax.GetLocation());

    private static bool IsDiagnostics(INamedTypeSymbol type) => type.ContainingNamespace?.ToDisplayString() == "System.Diagnostics";

    private static string? InitializerText(IObjectCreationOperation creation, string property, Scope scope)
    {
        if (creation.Initializer is null)
        {
            return null;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } set && name == property)
            {
                return scope.Text(set.Value);
            }
        }

        return property == "Arguments" ? string.Empty : null;
    }

    /// <summary>The writing command a program and its arguments' fixed start make ("go mod tidy"), or null.</summary>
    internal static string? Match(string? file, string? arguments, int depth = 0)
    {
        if (file is null || arguments is null || depth > 1)
        {
            return null;
        }

        var program = ProgramName(file);
        if (program is null)
        {
            return null;
        }

        var words = Words(arguments);
        if (WritingCommands.Shells.Contains(program))
        {
            // bash -c "git push", cmd /c del …, pwsh -Command …: the command line after the switch.
            if (words.Count > 1 && words[0].ToLowerInvariant() is "-c" or "/c" or "-command" or "/k")
            {
                var rest = arguments.Substring(arguments.IndexOf(words[0], StringComparison.Ordinal) + words[0].Length).Trim().Trim('"', '\'');
                var inner = Words(rest);
                return inner.Count > 0 ? Match(inner[0], rest.Substring(rest.IndexOf(inner[0], StringComparison.Ordinal) + inner[0].Length), depth + 1) : null;
            }

            return null;
        }

        if (WritingCommands.WritingPrograms.Contains(program))
        {
            return program;
        }

        if (!WritingCommands.WritingSubcommands.TryGetValue(program, out var subcommands))
        {
            return null;
        }

        var start = 0;
        while (start < words.Count && words[start].StartsWith("-", StringComparison.Ordinal))
        {
            start++; // leading options: git --no-pager commit, npm --silent install
        }

        foreach (var subcommand in subcommands)
        {
            var parts = subcommand.Split(' ');
            if (start + parts.Length > words.Count)
            {
                continue;
            }

            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
            {
                matches = string.Equals(words[start + i], parts[i], StringComparison.OrdinalIgnoreCase);
            }

            if (matches)
            {
                return program + " " + subcommand;
            }
        }

        return null;
    }

    /// <summary>A program's name from its fixed file name: the last path segment without quotes or an executable extension.</summary>
    private static string? ProgramName(string file)
    {
        var text = file.Trim().Trim('"', '\'');
        if (text.Length == 0 || text.IndexOf(Unknown) >= 0)
        {
            return null;
        }

        var slash = Math.Max(text.LastIndexOf('/'), text.LastIndexOf('\\'));
        var name = slash >= 0 ? text.Substring(slash + 1) : text;
        foreach (var extension in s_extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name.Substring(0, name.Length - extension.Length);
            }
        }

        return name.Length == 0 ? null : name;
    }

    /// <summary>The whitespace-separated words of fixed text, up to the first value known only at run time.</summary>
    private static List<string> Words(string text)
    {
        var end = text.IndexOf(Unknown);
        var words = new List<string>();
        foreach (var word in (end >= 0 ? text.Substring(0, end) + " " + Unknown : text).Split(s_whitespace, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.IndexOf(Unknown) >= 0)
            {
                break; // a word completed at run time ("{verb}ify") is not a fixed word
            }

            words.Add(word);
        }

        return words;
    }

    /// <summary>Fixed text of values in one body: constants, the fixed start of interpolations and concatenations, locals, bound parameters.</summary>
    private sealed class Scope(IOperation body, Dictionary<IParameterSymbol, string?>? bindings)
    {
        private Dictionary<ILocalSymbol, IOperation?>? _locals;

        public string? Text(IOperation? value) => Text(value, 0);

        private string? Text(IOperation? value, int depth)
        {
            value = value is null ? null : ToolSafetyContext.Unwrap(value);
            if (value is null || depth > 4)
            {
                return null;
            }

            if (value.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            switch (value)
            {
                case IParameterReferenceOperation { Parameter: var parameter }:
                    return bindings is not null && bindings.TryGetValue(parameter.OriginalDefinition, out var bound) ? bound : Unknown.ToString();
                case ILocalReferenceOperation { Local: var local }:
                    return Local(local) is { } initial ? Text(initial, depth + 1) : Unknown.ToString();
                case IInterpolatedStringOperation interpolated:
                    var text = new System.Text.StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        text.Append(part switch
                        {
                            IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string fixedText } } => fixedText,
                            IInterpolationOperation { Expression: var expression } => Text(expression, depth + 1) ?? Unknown.ToString(),
                            _ => Unknown.ToString(),
                        });
                    }

                    return text.ToString();
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return (Text(concatenation.LeftOperand, depth + 1) ?? Unknown.ToString()) + (Text(concatenation.RightOperand, depth + 1) ?? Unknown.ToString());
                default:
                    return value.Type?.SpecialType == SpecialType.System_String ? Unknown.ToString() : null;
            }
        }

        /// <summary>The one value a local is given in the body (its initializer or only assignment), or null.</summary>
        private IOperation? Local(ILocalSymbol local)
        {
            if (_locals is null)
            {
                _locals = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);
                foreach (var operation in body.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation { Symbol: var declared } declarator when declarator.Initializer?.Value is { } initial:
                            Set(declared, initial);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var target } } assigned:
                            Set(target, assigned.Value);
                            break;
                    }
                }
            }

            return _locals.TryGetValue(local, out var value) ? value : null;
        }

        private void Set(ILocalSymbol local, IOperation value) =>
            _locals![local] = _locals.ContainsKey(local) ? null : value; // assigned twice: not one fixed text
    }
}
