using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// Feedback a loop sends back to the model (issue 18): a user or assistant message that a loop adds to the
/// conversation it hands to another call on every pass — the model call — such as an evaluator's correction
/// (<c>messages.Add(ChatMessage.CreateAssistantMessage("These issues were found, please fix: " + errors))</c>).
/// </summary>
/// <remarks>
/// Read from the operation tree of the one method: the message is added to a local, field, parameter or property
/// (<c>Add</c>, <c>Insert</c>, or Semantic Kernel's <c>AddUserMessage</c>/<c>AddAssistantMessage</c>) inside a loop of
/// that method, and the same loop passes that conversation to a call of a type outside <c>System</c> (the collection and
/// LINQ calls that only read or copy it do not count). The feedback must be written at the site — a literal, an
/// interpolated string or a concatenation whose literal parts say at least three words — so the user's input held in a
/// local (<c>Console.ReadLine() ?? "exit"</c>) and a label around retrieved text (<c>$"Context: {found}"</c>) are not
/// feedback; whether that text is versioned is then left to <see cref="PromptTextClassifier"/>.
/// </remarks>
internal static class FeedbackLoops
{
    /// <summary>Whether <paramref name="message"/> (a message creation, or an SK add-message call) is fed back by a loop.</summary>
    public static bool IsFedBack(IOperation message)
    {
        ISymbol? conversation;
        IOperation adding;
        if (message is IInvocationOperation { Instance: { } history, TargetMethod.Name: "AddUserMessage" or "AddAssistantMessage" })
        {
            conversation = Referenced(history);
            adding = message;
        }
        else
        {
            var parent = message.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" or "Insert" } add })
            {
                return false;
            }

            conversation = add.Instance is { } instance ? Referenced(instance)
                : add.TargetMethod.IsExtensionMethod && add.Arguments.Length > 0 ? Referenced(add.Arguments[0].Value)
                : null;
            adding = add;
        }

        if (conversation is null)
        {
            return false;
        }

        ILoopOperation? loop = null;
        for (var current = adding.Parent; current is not null && loop is null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation found:
                    loop = found;
                    break;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        if (loop?.Body is not { } body)
        {
            return false;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is not IInvocationOperation call || call == adding || IsSystemType(call.TargetMethod.ContainingType))
            {
                continue;
            }

            foreach (var argument in call.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(Referenced(argument.Value), conversation))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the text is written at the site and says something: its literal parts hold three words or more.</summary>
    public static bool IsWrittenAtSite(IOperation text)
    {
        while (text is IConversionOperation conversion)
        {
            text = conversion.Operand;
        }

        var words = 0;
        return text is ILiteralOperation or IInterpolatedStringOperation or IBinaryOperation && CountWords(text, ref words) && words >= 3;
    }

    // Counts the words of the literal parts; false when a part is neither literal text nor a value spliced into it.
    private static bool CountWords(IOperation text, ref int words)
    {
        while (text is IConversionOperation conversion)
        {
            text = conversion.Operand;
        }

        switch (text)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string value } }:
                words += Words(value);
                return true;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string value } })
                    {
                        words += Words(value);
                    }
                }

                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return CountWords(binary.LeftOperand, ref words) & CountWords(binary.RightOperand, ref words);
            default:
                return true; // a value spliced into the text: it adds no words of its own
        }
    }

    private static int Words(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                if (!inWord)
                {
                    count++;
                    inWord = true;
                }
            }
            else if (char.IsWhiteSpace(c) || char.IsPunctuation(c))
            {
                inWord = false;
            }
        }

        return count;
    }

    private static ISymbol? Referenced(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
    }

    private static bool IsSystemType(INamedTypeSymbol? type)
    {
        var ns = type?.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { Name: "System" };
    }
}
