using System;

namespace AgentRules;

/// <summary>
/// Declares that a tool only reads: it changes nothing outside the process. AGR0007 checks the claim against the
/// tool's body.
/// </summary>
/// <remarks>
/// Files that also import <c>System.ComponentModel</c> (for <c>[Description]</c>) see two <c>ReadOnly</c>
/// attributes; write <c>[AgentRules.ReadOnly]</c> there, as the AGR0005 code fix does.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ReadOnlyAttribute : Attribute
{
}
