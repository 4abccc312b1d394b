using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// Sources and the verifier shared by the AGR0002 and AGR0003 tests on hand-written agent loops.
/// </summary>
internal static class AgentLoopRuleTestSources
{
    internal const string MeaiUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    internal static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new AgentLoopRulesTest { Source = source };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }
}
