using AgentRules;

namespace PromptsApp;

public static class Prompts
{
    [Prompt("support.system", Version = 1)]
    public const string System = "You are the support assistant of an online shop.";
}
