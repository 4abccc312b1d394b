using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;

namespace AgentRules.ModelContextProtocol;

/// <summary>How a tool failed its pin.</summary>
public enum McpToolDriftKind
{
    /// <summary>The server lists a tool the lock file does not pin.</summary>
    NotPinned,

    /// <summary>The tool's description differs from the pinned one.</summary>
    DescriptionChanged,

    /// <summary>The tool's input schema differs from the pinned one.</summary>
    InputSchemaChanged,
}

/// <summary>What happens to a tool that fails its pin.</summary>
public enum McpToolPinAction
{
    /// <summary>Throw <see cref="McpToolPinException"/>: no tool of the listing reaches the model (the default).</summary>
    Refuse,

    /// <summary>Leave the tool out of the returned list and report it; the other tools pass.</summary>
    Exclude,

    /// <summary>Report the tool and let it pass (for rolling out pins, or observing a server).</summary>
    Report,
}

/// <summary>One tool that failed its pin.</summary>
/// <param name="Server">The server name the pins are kept under.</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="Kind">How it failed.</param>
/// <param name="Pinned">The pinned hash (null for an unpinned tool).</param>
/// <param name="Actual">The hash of what the server sends now (the description's or the schema's; for an unpinned tool, the description's).</param>
public sealed record McpToolDrift(string Server, string Tool, McpToolDriftKind Kind, string? Pinned, string Actual)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        McpToolDriftKind.NotPinned => $"MCP tool '{Tool}' of server '{Server}' is not pinned in {McpToolPins.DefaultFileName}",
        McpToolDriftKind.DescriptionChanged => $"MCP tool '{Tool}' of server '{Server}' changed its description (pinned {Short(Pinned)}, now {Short(Actual)})",
        _ => $"MCP tool '{Tool}' of server '{Server}' changed its input schema (pinned {Short(Pinned)}, now {Short(Actual)})",
    };

    private static string Short(string? hash) => hash is null ? "none" : hash.Substring(0, Math.Min(12, hash.Length));
}

/// <summary>Thrown when tools fail their pins and <see cref="McpToolPinAction.Refuse"/> is in force.</summary>
public sealed class McpToolPinException : InvalidOperationException
{
    /// <summary>Creates the exception for the tools that failed.</summary>
    public McpToolPinException(IReadOnlyList<McpToolDrift> drifts)
        : base("MCP tools refused: " + string.Join("; ", drifts) + ". If the change is expected, review it and re-pin with McpToolPins.WriteAsync (docs/mcp-pinning.md).")
    {
        Drifts = drifts;
    }

    /// <summary>Every tool that failed its pin.</summary>
    public IReadOnlyList<McpToolDrift> Drifts { get; }
}

/// <summary>Options of the pin check.</summary>
public sealed class McpToolPinOptions
{
    /// <summary>The name the server's pins are kept under; default: the server's own name (<c>McpClient.ServerInfo.Name</c>).</summary>
    public string? ServerName { get; set; }

    /// <summary>What happens to a tool whose description or input schema drifted. Default: refuse.</summary>
    public McpToolPinAction OnDrift { get; set; } = McpToolPinAction.Refuse;

    /// <summary>What happens to a tool nobody pinned. Default: refuse.</summary>
    public McpToolPinAction OnUnpinned { get; set; } = McpToolPinAction.Refuse;

    /// <summary>Called for each tool that fails its pin, whatever the action (logging, metrics, alerts).</summary>
    public Action<McpToolDrift>? Report { get; set; }
}

/// <summary>
/// The client-side pin check: MCP tools reach a model only if their description and input schema match
/// <c>McpTools.lock</c>. Use <see cref="ListPinnedToolsAsync"/> instead of <c>ListToolsAsync</c>, or pass a listing
/// through <see cref="Pinned"/>.
/// </summary>
public static class McpToolPinning
{
    /// <summary>Lists the server's tools and returns those that pass their pins.</summary>
    /// <exception cref="McpToolPinException">A tool failed its pin and the action for it is <see cref="McpToolPinAction.Refuse"/>.</exception>
    public static async Task<IList<McpClientTool>> ListPinnedToolsAsync(this McpClient client, McpToolPins pins, McpToolPinOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(pins);
        var server = options?.ServerName ?? client.ServerInfo?.Name ?? throw new ArgumentException("The server sent no name: set McpToolPinOptions.ServerName.", nameof(options));
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return Check(tools, pins, server, options);
    }

    /// <summary>Checks tools a server listed against their pins and returns those that pass.</summary>
    /// <param name="tools">The tools, as <c>ListToolsAsync</c> returned them.</param>
    /// <param name="pins">The lock file.</param>
    /// <param name="options">The server name (required here: a listing does not know its server) and the actions.</param>
    /// <exception cref="McpToolPinException">A tool failed its pin and the action for it is <see cref="McpToolPinAction.Refuse"/>.</exception>
    public static IList<McpClientTool> Pinned(this IEnumerable<McpClientTool> tools, McpToolPins pins, McpToolPinOptions options)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(pins);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ServerName))
        {
            throw new ArgumentException("Name the server the tools come from (McpToolPinOptions.ServerName), as it is written in McpTools.lock.", nameof(options));
        }

        return Check(tools, pins, options.ServerName, options);
    }

    private static List<McpClientTool> Check(IEnumerable<McpClientTool> tools, McpToolPins pins, string server, McpToolPinOptions? options)
    {
        var passed = new List<McpClientTool>();
        var refused = new List<McpToolDrift>();
        foreach (var tool in tools)
        {
            var now = McpToolPins.PinOf(server, tool);
            var pin = pins.Find(server, now.Tool);
            McpToolDrift? drift =
                pin is null ? new McpToolDrift(server, now.Tool, McpToolDriftKind.NotPinned, null, now.DescriptionSha256)
                : !string.Equals(pin.DescriptionSha256, now.DescriptionSha256, StringComparison.Ordinal) ? new McpToolDrift(server, now.Tool, McpToolDriftKind.DescriptionChanged, pin.DescriptionSha256, now.DescriptionSha256)
                : !string.Equals(pin.InputSchemaSha256, now.InputSchemaSha256, StringComparison.Ordinal) ? new McpToolDrift(server, now.Tool, McpToolDriftKind.InputSchemaChanged, pin.InputSchemaSha256, now.InputSchemaSha256)
                : null;

            if (drift is null)
            {
                passed.Add(tool);
                continue;
            }

            options?.Report?.Invoke(drift);
            var action = drift.Kind == McpToolDriftKind.NotPinned
                ? options?.OnUnpinned ?? McpToolPinAction.Refuse
                : options?.OnDrift ?? McpToolPinAction.Refuse;
            switch (action)
            {
                case McpToolPinAction.Report:
                    passed.Add(tool);
                    break;
                case McpToolPinAction.Refuse:
                    refused.Add(drift);
                    break;
                default:
                    break; // Exclude: reported, left out.
            }
        }

        if (refused.Count > 0)
        {
            throw new McpToolPinException(refused);
        }

        return passed;
    }
}
