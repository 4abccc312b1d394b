using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tasks;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Tasks;
using Microsoft.Build.Framework;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0200 (the build task, check mode): a spec that does not match the code, or is missing, fails the check.</summary>
public sealed class AGR0200ProcessSpecOutOfDateTests : SpecTaskTestBase
{
    [Fact]
    public void Without_a_spec_in_the_log_the_build_warns_and_a_check_fails()
    {
        var log = WriteLog(null);
        var engine = new RecordingBuildEngine();
        var task = Task(engine, log, "out");
        Assert.True(task.Execute());
        Assert.Contains("the process spec was not computed", Assert.Single(engine.Warnings).Message, StringComparison.Ordinal);
        Assert.Empty(task.WrittenFiles);

        var checkEngine = new RecordingBuildEngine();
        var check = Task(checkEngine, log, "out");
        check.Check = true;
        Assert.False(check.Execute());
        Assert.Equal(WriteAgentProcessSpec.SpecOutOfDateCode, Assert.Single(checkEngine.Errors).Code);
    }
}
