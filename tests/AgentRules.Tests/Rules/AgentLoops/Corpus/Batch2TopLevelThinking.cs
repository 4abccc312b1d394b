// Top-level program: recursive refinement in a local function, and a console loop reading Console.In.
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

IChatClient chat = null!;

Console.WriteLine(await Refine("Explain monads simply.", 3));

while (true)
{
    var line = await Console.In.ReadLineAsync();
    if (line is null) break;
    Console.WriteLine((await chat.GetResponseAsync(line)).Text);
}

async Task<string> Refine(string text, int remaining)
{
    if (remaining == 0)
    {
        return text;
    }

    var better = await chat.GetResponseAsync("Improve: " + text);
    // expect: AGR0003
    return await Refine(better.Text, remaining - 1);
}
