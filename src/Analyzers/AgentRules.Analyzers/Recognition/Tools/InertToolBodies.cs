using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// A tool body whose only reach outside the process is asking a model, whatever its name says: besides the model call
/// it only computes its answer (strings, numbers, dates, collections, LINQ to objects), returns a finished task, waits,
/// logs or writes to the console. <c>SendPrompt(text) =&gt; (await chat.GetResponseAsync(text)).Text</c> sends nothing
/// anywhere but to the model, which is a read: a destructive name or description is no evidence there (AGR0001/AGR0008
/// stay silent; the tool is not reported as read-only either). A body that does nothing at all — a placeholder such as
/// <c>SendEmail(to, body) =&gt; $"Email sent to {to}"</c> — is not inert in this sense: its name states what the tool is
/// for and what the model is told it does, and it is judged by that name.
/// </summary>
/// <remarks>
/// Only a body the compilation shows in full counts: a method with a body in source, a lambda, or a chat tool's
/// dispatch branch. Any other call (an interface, a same-compilation helper, an SDK client, a process, a dialog, an
/// HTTP request to anything but a model endpoint spelled at the call), an object creation beyond plain data and HTTP
/// request parts, an assignment to a field or property (request headers aside), or a call through a delegate leaves
/// the name as evidence — the body may do what the name says there. Reading fields and properties is no effect.
/// </remarks>
internal static class InertToolBodies
{
    internal static bool IsInert(ToolSafetyContext context, ToolDeclaration tool, CancellationToken cancellationToken)
    {
        var body = tool.LambdaBody ?? (tool.Method is { } method ? context.GetBody(method, cancellationToken) : null);
        if (body is null || tool.Type is not null)
        {
            return false;
        }

        var asksModel = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && (IsModelCall(call.TargetMethod) || PostsToModelEndpoint(call)))
            {
                asksModel = true;
            }

            switch (operation)
            {
                case IInvocationOperation http when IsHttpSend(http.TargetMethod) && !PostsToModelEndpoint(http):
                    return false; // a request to anything but a model endpoint
                case IAssignmentOperation { Target: IPropertyReferenceOperation { Property.ContainingType: { } headers } } when IsHttpType(headers):
                    break; // request headers (the API key) belong to the request
                case IAssignmentOperation { Target: IPropertyReferenceOperation or IFieldReferenceOperation } initializer when IsInitializerOfNewObject(initializer):
                    break; // new { model, messages }, new Request { Prompt = text }: the body's own new data
                case IAssignmentOperation { Target: not (ILocalReferenceOperation or IParameterReferenceOperation or IDiscardOperation) }:
                case IIncrementOrDecrementOperation { Target: not (ILocalReferenceOperation or IParameterReferenceOperation) }:
                case IDynamicInvocationOperation:
                case IDynamicMemberReferenceOperation:
                    return false;
                case IInvocationOperation invocation when !IsInertCall(invocation.TargetMethod) && !IsHttpType(invocation.TargetMethod.ContainingType):
                    return false;
                case IObjectCreationOperation creation when creation.Type is not null && !creation.Type.IsAnonymousType && !IsDataType(creation.Type) && !IsHttpType(creation.Type):
                    return false;
            }
        }

        // Only a body that asks a model counts: a placeholder that does nothing yet ("SendEmail => $\"sent to {to}\"")
        // keeps its name as its intent (see docs/rules/AGR0001.md, "A body that only asks a model").
        return asksModel;
    }

    private static bool IsModelCall(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        return method.ContainingType is { } type && IsModelCall(type.ContainingNamespace?.ToDisplayString() ?? string.Empty, type.Name, method.Name);
    }

    private static bool IsInitializerOfNewObject(IAssignmentOperation assignment) =>
        assignment.Target switch
        {
            IPropertyReferenceOperation { Property.ContainingType.IsAnonymousType: true } => true,
            IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } => true,
            IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } => true,
            _ => false,
        };

    /// <summary>An HttpClient request (<c>PostAsync</c>, <c>SendAsync</c>, <c>PostAsJsonAsync</c>...).</summary>
    private static bool IsHttpSend(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        return method.ContainingType?.Name is "HttpClient" or "HttpClientJsonExtensions"
            && (method.Name.StartsWith("Post", System.StringComparison.Ordinal) || method.Name.StartsWith("Put", System.StringComparison.Ordinal)
                || method.Name.StartsWith("Patch", System.StringComparison.Ordinal) || method.Name.StartsWith("Delete", System.StringComparison.Ordinal)
                || method.Name.StartsWith("Send", System.StringComparison.Ordinal));
    }

    /// <summary>A POST to a model's REST endpoint, spelled at the call (<c>PostAsync("https://…/chat/completions", …)</c>, or a constant).</summary>
    private static bool PostsToModelEndpoint(IInvocationOperation call)
    {
        if (!IsHttpSend(call.TargetMethod) || !(call.TargetMethod.ReducedFrom ?? call.TargetMethod).Name.StartsWith("Post", System.StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Name == "requestUri" && argument.Value.ConstantValue is { HasValue: true, Value: string url })
            {
                return Loops.LlmEndpointText.Scan(url, CancellationToken.None);
            }
        }

        return false;
    }

    private static bool IsHttpType(ITypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() is "System.Net.Http" or "System.Net.Http.Headers" or "System.Net.Http.Json";

    /// <summary>A call that computes, waits, logs, prints or asks a model: nothing that changes state elsewhere.</summary>
    private static bool IsInertCall(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        var type = method.ContainingType;
        if (type is null || method.MethodKind is MethodKind.DelegateInvoke)
        {
            return false;
        }

        if (IsDataType(type) || (method.Name == "ToString" && method.Parameters.IsEmpty))
        {
            return true;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        var name = type.Name;
        return (ns == "System" && name is "Console" or "String" or "Object")
            || (ns == "System.Diagnostics" && name is "Debug" or "Trace")
            || (ns == "Microsoft.Extensions.Logging" && name is "LoggerExtensions" or "ILogger" or "ILogger`1")
            || (ns == "System.Threading.Tasks" && name is "Task" or "ValueTask" or "TaskExtensions")
            || (ns == "System.Text.Json" && name is "JsonSerializer")
            || (ns is "Microsoft.Extensions.AI" or "Microsoft.SemanticKernel" or "OpenAI.Chat" && name is "ChatResponse" or "ChatResponse`1" or "FunctionResult" or "ChatCompletion" or "ChatMessageContent")
            || IsModelCall(ns, name, method.Name);
    }

    /// <summary>Asking a model is a read: Microsoft.Extensions.AI, OpenAI and Semantic Kernel chat calls.</summary>
    private static bool IsModelCall(string ns, string type, string method) =>
        (ns == "Microsoft.Extensions.AI" && type is "IChatClient" or "ChatClientExtensions" && method.StartsWith("GetResponse", System.StringComparison.Ordinal))
        || (ns == "OpenAI.Chat" && type == "ChatClient" && method.StartsWith("CompleteChat", System.StringComparison.Ordinal))
        || (ns == "Microsoft.SemanticKernel" && type is "Kernel" or "KernelExtensions" && method.StartsWith("InvokePrompt", System.StringComparison.Ordinal))
        || (ns == "Microsoft.SemanticKernel.ChatCompletion" && type is "IChatCompletionService" or "ChatCompletionServiceExtensions" && method.StartsWith("GetChatMessageContent", System.StringComparison.Ordinal));

    private static bool IsDataType(ITypeSymbol type)
    {
        if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Enum)
        {
            return true;
        }

        var ns = type.ContainingNamespace?.ToDisplayString();
        return ns is "System.Text" or "System.Linq" or "System.Collections.Generic" or "System.Globalization" or "System.Text.RegularExpressions"
            || (ns == "System" && type.Name is "Math" or "MathF" or "Convert" or "Char" or "DateTime" or "DateTimeOffset" or "TimeSpan" or "Guid"
                or "DateOnly" or "TimeOnly" or "Random" or "MemoryExtensions" or "StringComparer" or "Exception" or "ArgumentException"
                or "ArgumentNullException" or "InvalidOperationException" or "NotImplementedException" or "NotSupportedException" or "Nullable`1");
    }
}
