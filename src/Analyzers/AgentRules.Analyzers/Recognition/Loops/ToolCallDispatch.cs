using System;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// A <c>foreach</c> over the tool calls of one model response that runs them and asks no model itself —
/// <c>foreach (var call in functionCalls) results.Add(await function.InvokeAsync(args, ct));</c> — wherever it is
/// written (in the loop that asked the model, or in a helper that loop calls). It is a step of the loop that asked the
/// model: it ends with the calls of that one response, and the loop that asked is where a cap and a stop signal belong
/// (and are judged). A catch-all that turns a failed tool into a result for the model is the usual shape here, not a
/// swallowed stop signal: a cancelled token ends each remaining tool at once, and the asking loop stops before its
/// next request.
/// </summary>
internal static class ToolCallDispatch
{
    /// <summary>
    /// Whether <paramref name="loop"/> is such a dispatch: a synchronous <c>foreach</c> whose element is a tool call
    /// (MEAI or Semantic Kernel <c>FunctionCallContent</c>, OpenAI <c>ChatToolCall</c>, or an app's own type named
    /// <c>…ToolCall</c>/<c>…FunctionCall</c>/<c>…ToolUse</c>), and whose every LLM call — made in the body or through the
    /// methods it calls — runs a tool rather than asking a model.
    /// </summary>
    public static bool IsToolCallDispatch(AgentLoopContext context, ILoopOperation loop, AgentLoop classified, CancellationToken cancellationToken)
    {
        if (loop is not IForEachLoopOperation { IsAsynchronous: false } forEach
            || classified.IsStreamConsumer
            || classified.LlmCall.Call.Kind != LlmCallKind.Tool
            || !IsToolCallType(ElementType(forEach)))
        {
            return false;
        }

        foreach (var operation in forEach.Body.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.GetLlmCall(operation) is { } call)
            {
                if (call.Kind != LlmCallKind.Tool)
                {
                    return false;
                }

                continue;
            }

            if (context.LlmSearch.GetCallee(operation, forEach) is not { } callee || !context.GetReach(cancellationToken).MayReach(callee))
            {
                continue;
            }

            // A method of the project that reaches an LLM call: a tool runner is fine, anything that may ask a model is not.
            if (context.LlmSearch.Find(callee, cancellationToken) is { Value.Kind: var kind } && kind != LlmCallKind.Tool)
            {
                return false;
            }

            foreach (var implementation in context.LlmSearch.GetImplementations(callee, cancellationToken))
            {
                if (context.LlmSearch.Find(implementation, cancellationToken) is { Value.Kind: var implementationKind } && implementationKind != LlmCallKind.Tool)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static ITypeSymbol? ElementType(IForEachLoopOperation forEach)
    {
        foreach (var local in forEach.Locals)
        {
            return local.Type;
        }

        return forEach.LoopControlVariable.Type;
    }

    private static bool IsToolCallType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var name = type.Name;
        return name is "FunctionCallContent" or "ChatToolCall" or "ToolUseContent" or "ToolUseBlock"
            || name.EndsWith("ToolCall", StringComparison.Ordinal)
            || name.EndsWith("FunctionCall", StringComparison.Ordinal)
            || name.EndsWith("ToolUse", StringComparison.Ordinal);
    }
}
