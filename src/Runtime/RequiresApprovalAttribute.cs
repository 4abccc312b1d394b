using System;

namespace AgentRules;

/// <summary>
/// Declares that a human must approve each call of this tool before it runs. Generated <c>AIFunction</c>s of such
/// tools come wrapped in <c>ApprovalRequiredAIFunction</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequiresApprovalAttribute : Attribute
{
}
