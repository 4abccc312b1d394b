// Semantic Kernel: an auto-function-invocation filter that stops the loop after a few requests.
using System;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Corpus.SkFilter;

public sealed class RequestLimitFilter(int maxRequests) : IAutoFunctionInvocationFilter
{
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        await next(context);
        if (context.RequestSequenceIndex + 1 >= maxRequests)
        {
            context.Terminate = true;
        }
    }
}

public static class Assistant
{
    public static Kernel Build(IKernelBuilder builder)
    {
        var kernel = builder.Build();
        kernel.AutoFunctionInvocationFilters.Add(new RequestLimitFilter(5));
        return kernel;
    }

    public static PromptExecutionSettings Settings() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
}
