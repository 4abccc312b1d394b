using System;

namespace AgentRules;

/// <summary>
/// Declares that a tool only reads: it changes nothing outside the process. AGR0007 checks the claim against the
/// tool's body.
/// </summary>
/// <remarks>
/// Named <c>ReadOnlyTool</c>, not <c>ReadOnly</c>: tool files import <c>System.ComponentModel</c> for
/// <c>[Description]</c>, and <c>System.ComponentModel.ReadOnlyAttribute</c> would make <c>[ReadOnly]</c> ambiguous.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ReadOnlyToolAttribute : Attribute
{
}
