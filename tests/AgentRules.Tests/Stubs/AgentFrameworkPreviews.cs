// Stand-in for a spelling that the real Microsoft.Agents.AI 1.28.0 no longer has: CreateAIAgent, the name of AsAIAgent
// in the Agent Framework previews before the 2025 rename (Microsoft.Agents.AI 1.0.0-preview.251001.1). Code written
// against those previews still exists, and the rules keep recognising it. Compiled against the REAL Microsoft.Agents.AI
// and Microsoft.Extensions.AI; the class shares its metadata name with the real ones, as it did in those previews.
#nullable enable
using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.AI
{
    public static class ChatClientExtensions
    {
        public static Microsoft.Agents.AI.ChatClientAgent CreateAIAgent(this IChatClient chatClient, string? instructions = null, string? name = null, string? description = null, IList<AITool>? tools = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) => throw null!;
    }
}
