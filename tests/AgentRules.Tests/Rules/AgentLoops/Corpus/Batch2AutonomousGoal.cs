// An "autonomous goal" agent on Semantic Kernel: think, act, repeat until the goal is met.
using System;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Corpus.Batch2.Goal;

public sealed class GoalSeeker(Kernel kernel)
{
    private bool _goalAchieved;
    private string _memory = string.Empty;

    public async Task PursueAsync(string goal)
    {
        // expect: AGR0002, AGR0003
        while (!_goalAchieved)
        {
            var thought = await kernel.InvokePromptAsync($"Goal: {goal}\nMemory: {_memory}\nWhat next? Say GOAL MET when done.");
            _memory += "\n" + thought;
            _goalAchieved = thought.ToString().Contains("GOAL MET", StringComparison.OrdinalIgnoreCase);
        }
    }
}
