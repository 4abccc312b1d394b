#!/usr/bin/env python3
"""Writes a bench project with no agent code: N files of plain ledger code (loops, LINQ, string constants) that
reference Microsoft.Extensions.AI and use its types (usage counts, a finish reason), but have no tool, prompt or
agent loop. The process spec's early exit is measured on it: no spec is written, and the spec should cost
nothing. Same project shape as make_bench.py."""
import os, sys
out, n, repo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
open(os.path.join(out, "Plain.csproj"), "w").write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="{repo}/src/Runtime/build/AgentRules.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>Plain</RootNamespace>
    <AgentRulesTasksAssembly>{repo}/src/Tasks/bin/Release/netstandard2.0/AgentRules.Tasks.dll</AgentRulesTasksAssembly>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Extensions.AI" Version="11.0.0" />
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
open(os.path.join(out, "Usage.cs"), "w").write("""using Microsoft.Extensions.AI;

namespace Plain;

/// <summary>The use of Microsoft.Extensions.AI: token counts and the last finish reason of a billing feed.</summary>
public sealed class Usage
{
    public UsageDetails Details { get; } = new();

    public ChatFinishReason? LastReason { get; private set; }

    public void Add(long inputTokens, long outputTokens, ChatFinishReason reason)
    {
        Details.InputTokenCount = (Details.InputTokenCount ?? 0) + inputTokens;
        Details.OutputTokenCount = (Details.OutputTokenCount ?? 0) + outputTokens;
        LastReason = reason;
    }
}
""")
for i in range(n):
    open(os.path.join(out, f"Ledger{i:03}.cs"), "w").write(f"""using System.Globalization;
using System.Text;

namespace Plain.Area{i:03};

public sealed record Entry{i:03}(int Id, string Account, decimal Amount, DateTime Booked);

public sealed class Ledger{i:03}
{{
    private const string Header = "Ledger {i} of the plain bench";
    private readonly List<Entry{i:03}> _entries = new();

    public void Post(int id, string account, decimal amount) => _entries.Add(new Entry{i:03}(id, account, amount, DateTime.UtcNow));

    public decimal Balance(string account)
    {{
        decimal total = 0;
        foreach (var entry in _entries)
        {{
            if (entry.Account == account)
            {{
                total += entry.Amount;
            }}
        }}

        return total;
    }}

    public IReadOnlyList<string> Accounts() => _entries.Select(e => e.Account).Distinct().OrderBy(a => a, StringComparer.Ordinal).ToList();

    public string Report()
    {{
        var builder = new StringBuilder(Header).AppendLine();
        var index = 0;
        while (index < _entries.Count)
        {{
            var entry = _entries[index];
            builder.Append(entry.Id.ToString(CultureInfo.InvariantCulture)).Append(';').Append(entry.Account).Append(';')
                .AppendLine(entry.Amount.ToString("F2", CultureInfo.InvariantCulture));
            index++;
        }}

        return builder.ToString();
    }}

    public async Task<int> ReconcileAsync(Func<Entry{i:03}, Task<bool>> check, CancellationToken cancellationToken)
    {{
        var failed = 0;
        for (var i = 0; i < _entries.Count; i++)
        {{
            cancellationToken.ThrowIfCancellationRequested();
            if (!await check(_entries[i]))
            {{
                failed++;
            }}
        }}

        return failed;
    }}

    public Dictionary<string, decimal> ByMonth() => _entries
        .GroupBy(e => e.Booked.ToString("yyyy-MM", CultureInfo.InvariantCulture))
        .ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
}}
""")
