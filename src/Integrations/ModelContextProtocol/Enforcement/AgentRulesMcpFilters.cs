using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentRules.ModelContextProtocol;

/// <summary>
/// The MCP server filters <c>WithAgentRules()</c> installs: <c>tools/list</c> leaves out tools that may not run in the
/// session's environment, and <c>tools/call</c> puts every call through the session's <see cref="ToolGuard"/> (kill
/// switch, <see cref="EnvironmentScopeAttribute"/>, budgets, duplicate calls) and, for
/// <see cref="RequiresApprovalAttribute"/> tools, asks the user through elicitation. A refused call does not run; it
/// returns a tool error (<c>isError: true</c>) whose text says why.
/// </summary>
public sealed class AgentRulesMcpFilters
{
    private readonly AgentRulesMcpServerOptions _options;
    // Keyed by the session id's string instance (the transport keeps it for the session's life), so a session's guard
    // goes when the session does. Sessions without an id (stdio, stateless HTTP) share one guard per server.
    private readonly ConditionalWeakTable<string, ToolGuard> _sessions = new();
    private ToolGuard? _unnamedSession;
    private readonly ConditionalWeakTable<McpServerTool, ToolDescriptor> _descriptors = new();

    /// <summary>Creates the filters.</summary>
    public AgentRulesMcpFilters(AgentRulesMcpServerOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>
    /// The guard of a session: the shared one when set, else the session's own (by <c>McpServer.SessionId</c>;
    /// a server without session ids, such as stdio, has one).
    /// </summary>
    public ToolGuard GuardFor(McpServer server)
    {
        ArgumentNullException.ThrowIfNull(server);

        if (_options.ToolGuard is { } shared)
        {
            return shared;
        }

        if (server.SessionId is { } session)
        {
            return _sessions.GetValue(session, _ => NewGuard());
        }

        return Volatile.Read(ref _unnamedSession) ?? Interlocked.CompareExchange(ref _unnamedSession, NewGuard(), null) ?? _unnamedSession!;
    }

    private ToolGuard NewGuard() => new(_options.Tools.CopyFor(_options.AgentName));

    /// <summary>The descriptor of a server tool: from the method behind it, else from the attributes in its metadata.</summary>
    public ToolDescriptor DescriptorOf(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);

        return _descriptors.GetValue(tool, static t =>
        {
            var name = t.ProtocolTool.Name;
            var method = t.Metadata.OfType<MethodInfo>().FirstOrDefault();
            if (method is not null)
            {
                return ToolDescriptors.ForMethod(method, name, t.ProtocolTool.Description);
            }

            var scope = t.Metadata.OfType<EnvironmentScopeAttribute>().LastOrDefault();
            return new ToolDescriptor(name, t.ProtocolTool.Description, environments: scope?.Environments, requiresApproval: t.Metadata.OfType<RequiresApprovalAttribute>().Any());
        });
    }

    /// <summary>The <c>tools/list</c> filter.</summary>
    public McpRequestHandler<ListToolsRequestParams, ListToolsResult> ListTools(McpRequestHandler<ListToolsRequestParams, ListToolsResult> next) =>
        async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken).ConfigureAwait(false);
            var tools = request.Server.ServerOptions.ToolCollection;
            if (tools is null || result.Tools is null)
            {
                return result;
            }

            var guard = GuardFor(request.Server);
            var allowed = new List<Tool>(result.Tools.Count);
            foreach (var tool in result.Tools)
            {
                if (!tools.TryGetPrimitive(tool.Name, out var primitive) || guard.IsAllowed(DescriptorOf(primitive)))
                {
                    allowed.Add(tool);
                }
            }

            result.Tools = allowed;
            return result;
        };

    /// <summary>The <c>tools/call</c> filter.</summary>
    public McpRequestHandler<CallToolRequestParams, CallToolResult> CallTool(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            var tool = request.MatchedPrimitive as McpServerTool;
            if (tool is null && request.Params?.Name is { } name && request.Server.ServerOptions.ToolCollection is { } tools && tools.TryGetPrimitive(name, out var found))
            {
                tool = found;
            }

            if (tool is null)
            {
                return await next(request, cancellationToken).ConfigureAwait(false); // not ours: a hand-written handler answers
            }

            var guard = GuardFor(request.Server);
            var descriptor = DescriptorOf(tool);
            var call = guard.Begin(descriptor, HashArguments(descriptor, request.Params?.Arguments), request.JsonRpcRequest.Id.ToString());
            if (call.IsRefused)
            {
                return Refused(call.Refusal.Message);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, guard.KillSwitch.Token);
            try
            {
                if (descriptor.RequiresApproval && _options.ApprovalByElicitation)
                {
                    var denial = await AskApprovalAsync(request, descriptor, linked.Token).ConfigureAwait(false);
                    if (denial is not null)
                    {
                        call.Complete();
                        return Refused(denial);
                    }

                    if (guard.KillSwitch.IsTripped)
                    {
                        call.Complete();
                        return Refused($"Tool call refused (kill switch): '{descriptor.Name}' was not run because the kill switch '{guard.KillSwitch.Name}' was tripped while approval was pending ({guard.KillSwitch.Reason}).");
                    }
                }

                var result = await next(request, linked.Token).ConfigureAwait(false);
                call.Complete();
                return result;
            }
            catch (Exception e)
            {
                call.Fail(e);
                throw;
            }
        };

    private async Task<string?> AskApprovalAsync(RequestContext<CallToolRequestParams> request, ToolDescriptor descriptor, CancellationToken cancellationToken)
    {
        var server = request.Server;
        if (server.ClientCapabilities?.Elicitation is null)
        {
            return $"Tool call refused (approval): '{descriptor.Name}' requires a person's approval and this client cannot ask for it (no elicitation support).";
        }

        var arguments = request.Params?.Arguments is { } args ? JsonSerializer.Serialize(args, McpJsonContext.Default.IDictionaryStringJsonElement) : "{}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ApprovalTimeout);
        ElicitResult answer;
        try
        {
            answer = await server.ElicitAsync(
                new ElicitRequestParams
                {
                    Message = string.Format(CultureInfo.InvariantCulture, _options.ApprovalMessage, descriptor.Name, arguments),
                    RequestedSchema = new ElicitRequestParams.RequestSchema(),
                },
                timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Tool call refused (approval): nobody approved '{descriptor.Name}' within {_options.ApprovalTimeout}.";
        }
        catch (InvalidOperationException e)
        {
            return $"Tool call refused (approval): '{descriptor.Name}' requires a person's approval and it could not be asked for ({e.Message}).";
        }

        return string.Equals(answer.Action, "accept", StringComparison.Ordinal)
            ? null
            : $"Tool call refused (approval): the user answered '{answer.Action}' to running '{descriptor.Name}'.";
    }

    private static CallToolResult Refused(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    internal static ulong HashArguments(ToolDescriptor tool, IDictionary<string, JsonElement>? arguments)
    {
        var hash = ToolArgumentHash.Start(tool);
        if (arguments is null)
        {
            return hash;
        }

        var sum = 0UL;
        foreach (var argument in arguments)
        {
            var value = argument.Value.ValueKind == JsonValueKind.Undefined ? default : JsonMarshal.GetRawUtf8Value(argument.Value);
            sum += ToolArgumentHash.AddUtf8(ToolArgumentHash.Add(0x51ED27UL, argument.Key), value);
        }

        return ToolArgumentHash.Add(ToolArgumentHash.Add(hash, sum), arguments.Count);
    }

}

[System.Text.Json.Serialization.JsonSerializable(typeof(IDictionary<string, JsonElement>))]
internal sealed partial class McpJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
