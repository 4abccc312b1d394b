using Microsoft.Extensions.AI;

namespace FormatFixes;

public static class SupportPrompts
{
    public static ChatMessage System() => new(ChatRole.System, "You are a careful support agent. Never promise refunds.");
}
