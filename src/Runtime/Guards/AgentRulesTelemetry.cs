using System;
using System.Diagnostics;

namespace AgentRules;

/// <summary>
/// Tracing of guarded tool calls: an <see cref="System.Diagnostics.ActivitySource"/> named <c>AgentRules</c> that
/// emits one span per tool call, named <c>execute_tool {tool name}</c>, with the OpenTelemetry GenAI attributes
/// (<c>gen_ai.operation.name</c> = <c>execute_tool</c>, <c>gen_ai.tool.name</c>, <c>gen_ai.tool.type</c>,
/// <c>gen_ai.tool.call.id</c> when known) and, for refused calls, <c>agentrules.tool.refusal</c> with an error status.
/// Subscribe with <c>.AddSource("AgentRules")</c>. When nobody listens a call costs one check and allocates nothing.
/// </summary>
public static class AgentRulesTelemetry
{
    /// <summary>The activity source name: <c>AgentRules</c>.</summary>
    public const string ActivitySourceName = "AgentRules";

    /// <summary>The refusal attribute: kill_switch, environment, budget or duplicate.</summary>
    public const string RefusalAttribute = "agentrules.tool.refusal";

    /// <summary>
    /// The refusal attribute of a model call refused by a <see cref="RunBudget"/>: kill_switch, wall_time, model_calls,
    /// input_tokens, output_tokens, total_tokens, cost or duplicate (<see cref="RunBudgetRefusal.ReasonCode"/>).
    /// </summary>
    public const string ModelRefusalAttribute = "agentrules.model.refusal";

    /// <summary>The activity source guarded tool calls are traced with.</summary>
    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName, typeof(AgentRulesTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>True when anyone listens to <see cref="ActivitySource"/>: the one check an untraced call pays.</summary>
    internal static bool IsTracing => ActivitySource.HasListeners();

    internal static Activity? StartToolActivity(ToolDescriptor tool, string? callId)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity(tool.ActivityName, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", "execute_tool");
        activity.SetTag("gen_ai.tool.name", tool.Name);
        activity.SetTag("gen_ai.tool.type", "function");
        if (tool.Description.Length > 0)
        {
            activity.SetTag("gen_ai.tool.description", tool.Description);
        }

        if (!string.IsNullOrEmpty(callId))
        {
            activity.SetTag("gen_ai.tool.call.id", callId);
        }

        return activity;
    }

    internal static void Refused(Activity? activity, ToolRefusal refusal)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(RefusalAttribute, refusal.ReasonCode);
        activity.SetTag("error.type", "agentrules.refused." + refusal.ReasonCode);
        activity.SetStatus(ActivityStatusCode.Error, refusal.Message);
        activity.Dispose();
    }

    internal static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", exception?.GetType().FullName ?? "error");
        activity.SetStatus(ActivityStatusCode.Error, exception?.Message);
        activity.Dispose();
    }
}
