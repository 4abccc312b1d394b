#!/usr/bin/env python3
"""Writes an agent-dense bench project: N files, each with MCP tools, [AgentTool] tools, prompts, chat loops,
a function-invocation site and an Agent Framework agent, against the real packages."""
import os, sys
out, n, repo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
open(os.path.join(out, "Bench.csproj"), "w").write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="{repo}/src/Runtime/build/AgentRules.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>Bench</RootNamespace>
    <NoWarn>$(NoWarn);CS1998;CS8321;CS0162</NoWarn>
    <AgentRulesTasksAssembly>{repo}/src/Tasks/bin/Release/netstandard2.0/AgentRules.Tasks.dll</AgentRulesTasksAssembly>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ModelContextProtocol" Version="2.4.0" />
    <PackageReference Include="Microsoft.Extensions.AI" Version="11.0.0" />
    <PackageReference Include="Microsoft.Agents.AI" Version="1.28.0" />
    <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.14" />
  </ItemGroup>
  <ItemGroup>
    <Reference Include="{repo}/src/Runtime/bin/Release/netstandard2.0/AgentRules.dll" />
    <!-- Both from one folder, as the package ships them (analyzers/dotnet/cs): the compiler loads each analyzer folder
         into its own load context, so the generators' copy of AgentRules.Analyzers.dll in another folder would be a
         second copy whose per-compilation caches the rules never fill. -->
    <Analyzer Include="{repo}/src/Generators/bin/Release/netstandard2.0/AgentRules.Analyzers.dll" />
    <Analyzer Include="{repo}/src/Generators/bin/Release/netstandard2.0/AgentRules.Generators.dll" />
  </ItemGroup>
  <Import Project="{repo}/src/Runtime/build/AgentRules.targets" />
</Project>
""")
for i in range(n):
    open(os.path.join(out, f"Agent{i:03}.cs"), "w").write(f"""using System.ComponentModel;
using AgentRules;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Bench.Area{i:03};

public static class Prompts{i:03}
{{
    [Prompt("bench.system{i:03}", Version = 1)]
    public const string System = "You are agent {i}. Be brief and never guess data.";
}}

[McpServerToolType]
public sealed class Tools{i:03}
{{
    [McpServerTool(Name = "get_order_{i:03}", ReadOnly = true), Description("Looks up an order.")]
    public string GetOrder([Description("The order id.")] int orderId) => "order " + orderId;

    [McpServerTool(Name = "delete_order_{i:03}", Destructive = true), Description("Deletes an order.")]
    public string DeleteOrder(int orderId) => "deleted " + orderId;

    [McpServerTool(Name = "order_history_{i:03}"), Description("Summarizes orders.")]
    public string History(int customerId) => "none";
}}

public sealed partial class Refunds{i:03}
{{
    [AgentTool("refund_{i:03}"), DestructiveTool, EnvironmentScope("Staging")]
    [Description("Refunds an order.")]
    public decimal Refund(int orderId) => orderId;

    [AgentTool("quote_{i:03}"), ReadOnlyTool]
    [Description("Quotes a refund.")]
    public decimal Quote(int orderId) => orderId / 2m;
}}

public sealed class Session{i:03}(IChatClient chat)
{{
    private const int MaxTurns = 10;

    public async Task<string> UncappedAsync(string question)
    {{
        List<ChatMessage> messages = [new(ChatRole.System, "You are a helpful assistant number {i}."), new(ChatRole.User, question)];
        while (true)
        {{
            var response = await chat.GetResponseAsync(messages);
            messages.AddRange(response.Messages);
            if (response.Text.Length > 0)
            {{
                return response.Text;
            }}
        }}
    }}

    public async Task<string> CappedAsync(string question, CancellationToken cancellationToken)
    {{
        List<ChatMessage> messages = [new(ChatRole.System, Prompts{i:03}.System), new(ChatRole.User, question)];
        for (var turn = 0; turn < MaxTurns; turn++)
        {{
            var response = await chat.GetResponseAsync(messages, cancellationToken: cancellationToken);
            messages.AddRange(response.Messages);
            if (response.FinishReason == ChatFinishReason.Stop)
            {{
                return response.Text;
            }}
        }}

        return string.Empty;
    }}

    public IChatClient WithTools() => new ChatClientBuilder(chat).UseFunctionInvocation().Build();

    public AIAgent Agent() => new ChatClientAgent(chat, instructions: Prompts{i:03}.System, name: "agent{i:03}");

    public static void Register(IServiceCollection services) => services.AddMcpServer().WithTools<Tools{i:03}>();
}}
""")
