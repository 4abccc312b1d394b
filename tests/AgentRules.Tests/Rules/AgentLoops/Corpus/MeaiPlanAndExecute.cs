// Microsoft.Extensions.AI: plan with structured output, then execute each step.
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.MeaiPlan;

public sealed record Plan(List<string> Steps);

public sealed class PlanExecutor(IChatClient chatClient)
{
    public async Task<string> ExecuteAsync(string goal, CancellationToken cancellationToken)
    {
        var plan = await chatClient.GetResponseAsync<Plan>("Break this goal into steps: " + goal, cancellationToken: cancellationToken);
        var log = new StringBuilder();
        foreach (var step in plan.Result.Steps)
        {
            var result = await chatClient.GetResponseAsync($"Goal: {goal}\nDone so far: {log}\nNow do: {step}", cancellationToken: cancellationToken);
            log.AppendLine(result.Text);
        }

        return log.ToString();
    }

    public async Task<string> ExecuteUntilDoneAsync(string goal, CancellationToken cancellationToken)
    {
        var tasks = new Queue<string>([goal]);
        var results = new StringBuilder();
        // expect: AGR0002
        while (tasks.Count > 0)
        {
            var task = tasks.Dequeue();
            var result = await chatClient.GetResponseAsync<Plan>("Do this task and list follow-up tasks: " + task, cancellationToken: cancellationToken);
            results.AppendLine(task);
            foreach (var followUp in result.Result.Steps)
            {
                tasks.Enqueue(followUp);
            }
        }

        return results.ToString();
    }
}
