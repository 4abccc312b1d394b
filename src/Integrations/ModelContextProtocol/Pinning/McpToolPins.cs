using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;

namespace AgentRules.ModelContextProtocol;

/// <summary>One pinned MCP tool: a line "&lt;server&gt; &lt;tool&gt; &lt;description-sha256&gt; &lt;input-schema-sha256&gt;" of the lock file.</summary>
/// <param name="Server">The name the application gives the MCP server (by default the server's own name).</param>
/// <param name="Tool">The tool's name as the server lists it.</param>
/// <param name="DescriptionSha256">SHA-256 (lowercase hex) of the tool's description, line endings normalized to '\n'.</param>
/// <param name="InputSchemaSha256">SHA-256 (lowercase hex) of the tool's input schema as canonical JSON (object members sorted, no whitespace).</param>
public sealed record McpToolPin(string Server, string Tool, string DescriptionSha256, string InputSchemaSha256);

/// <summary>
/// <c>McpTools.lock</c>: the description and input schema of every tool the application takes from MCP servers, as
/// SHA-256 hashes, one line per tool, sorted by server then tool. Blank lines and lines starting with '#' are ignored.
/// Like <c>AgentPrompts.lock</c> it is committed and reviewed, and only ever written by an explicit action —
/// <see cref="WriteAsync(string, McpClient, string?, CancellationToken)"/> called from a command the developer runs —
/// never by a build or by the check itself. At run time <see cref="McpToolPinning"/> compares the tools a server lists
/// with their pins and refuses (or reports) a tool whose description or schema drifted, or a tool nobody pinned.
/// </summary>
public sealed class McpToolPins
{
    /// <summary>The lock file's conventional name.</summary>
    public const string DefaultFileName = "McpTools.lock";

    /// <summary>The comment a lock file starts with.</summary>
    public static readonly string Header =
        "# McpTools.lock: the MCP tools this application uses, one per line: <server> <tool> <description-sha256> <input-schema-sha256>." + "\n" +
        "# Commit it. Write it with McpToolPins.WriteAsync from an explicit command; see docs/mcp-pinning.md of AgentRules." + "\n";

    private static readonly char[] s_separators = [' ', '\t'];

    private readonly Dictionary<(string Server, string Tool), McpToolPin> _pins;

    private McpToolPins(IEnumerable<McpToolPin> pins)
    {
        _pins = new Dictionary<(string, string), McpToolPin>();
        foreach (var pin in pins)
        {
            _pins[(pin.Server, pin.Tool)] = pin;
        }

        Pins = _pins.Values
            .OrderBy(p => p.Server, StringComparer.Ordinal)
            .ThenBy(p => p.Tool, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>No pins: every tool is unpinned.</summary>
    public static McpToolPins Empty { get; } = new([]);

    /// <summary>The pins, sorted by server then tool.</summary>
    public IReadOnlyList<McpToolPin> Pins { get; }

    /// <summary>The pin of one tool of one server, or null.</summary>
    public McpToolPin? Find(string server, string tool) => _pins.TryGetValue((server, tool), out var pin) ? pin : null;

    /// <summary>Whether any tool of the server is pinned.</summary>
    public bool HasServer(string server) => _pins.Keys.Any(k => string.Equals(k.Server, server, StringComparison.Ordinal));

    /// <summary>Reads a lock file's text.</summary>
    /// <exception cref="FormatException">A line is not "&lt;server&gt; &lt;tool&gt; &lt;sha256&gt; &lt;sha256&gt;"; the message names the line.</exception>
    public static McpToolPins Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pins = new List<McpToolPin>();
        var seen = new HashSet<(string, string)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(s_separators, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4)
            {
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "{0} line {1}: expected '<server> <tool> <description-sha256> <input-schema-sha256>', found '{2}'", DefaultFileName, i + 1, line));
            }

            if (!IsSha256(parts[2]) || !IsSha256(parts[3]))
            {
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "{0} line {1}: a hash is not 64 lowercase hexadecimal digits", DefaultFileName, i + 1));
            }

            if (!seen.Add((parts[0], parts[1])))
            {
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "{0} line {1}: tool '{2}' of server '{3}' is pinned twice", DefaultFileName, i + 1, parts[1], parts[0]));
            }

            pins.Add(new McpToolPin(parts[0], parts[1], parts[2], parts[3]));
        }

        return new McpToolPins(pins);
    }

    /// <summary>Reads a lock file; a file that does not exist pins nothing (every tool is then unpinned).</summary>
    public static async Task<McpToolPins> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) : Empty;
    }

    /// <summary>Reads a lock file; a file that does not exist pins nothing (every tool is then unpinned).</summary>
    public static McpToolPins Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;
    }

    /// <summary>The pin of a tool as a server lists it now.</summary>
    public static McpToolPin PinOf(string server, McpClientTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ValidateServerName(server);
        var protocol = tool.ProtocolTool;
        return new McpToolPin(server, protocol.Name, HashDescription(protocol.Description), HashSchema(protocol.InputSchema));
    }

    /// <summary>
    /// These pins with every pin of <paramref name="server"/> replaced by the tools it lists now: tools it no longer
    /// lists lose their pins, other servers' pins are kept.
    /// </summary>
    public McpToolPins With(string server, IEnumerable<McpClientTool> tools)
    {
        ValidateServerName(server);
        ArgumentNullException.ThrowIfNull(tools);
        return new McpToolPins(Pins.Where(p => !string.Equals(p.Server, server, StringComparison.Ordinal)).Concat(tools.Select(t => PinOf(server, t))));
    }

    /// <summary>The lock file's text: the header, then one line per pin, sorted, '\n' line endings.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Header);
        foreach (var pin in Pins)
        {
            text.Append(pin.Server).Append(' ').Append(pin.Tool).Append(' ').Append(pin.DescriptionSha256).Append(' ').Append(pin.InputSchemaSha256).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The explicit pinning action: lists the server's tools now and writes their pins into the lock file at
    /// <paramref name="path"/> (replacing that server's lines, keeping the others). Call it from a command a developer
    /// runs on purpose (<c>dotnet run -- pin-mcp-tools</c>) and review the diff; never at start-up of a running agent,
    /// which would accept whatever the server sends that day.
    /// </summary>
    /// <returns>The pins written.</returns>
    public static async Task<McpToolPins> WriteAsync(string path, McpClient client, string? serverName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(client);
        var server = serverName ?? client.ServerInfo?.Name ?? throw new ArgumentException("The server sent no name: pass serverName.", nameof(serverName));
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var pins = (await LoadAsync(path, cancellationToken).ConfigureAwait(false)).With(server, tools);
        await File.WriteAllTextAsync(path, pins.ToString(), cancellationToken).ConfigureAwait(false);
        return pins;
    }

    /// <summary>SHA-256 of a tool description (null counts as empty; CRLF and CR count as LF).</summary>
    public static string HashDescription(string? description) =>
        Sha256(Encoding.UTF8.GetBytes((description ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')));

    /// <summary>SHA-256 of a JSON schema in canonical form: object members sorted by name (ordinal), no whitespace.</summary>
    public static string HashSchema(JsonElement schema)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            WriteCanonical(writer, schema);
        }

        return Sha256(buffer.ToArray());
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static bool IsSha256(string text) => text.Length == 64 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static void ValidateServerName(string server)
    {
        ArgumentException.ThrowIfNullOrEmpty(server);
        if (server.Any(char.IsWhiteSpace) || server[0] == '#')
        {
            throw new ArgumentException($"An MCP server name in {DefaultFileName} cannot contain whitespace or start with '#': '{server}'. Pass a serverName.", nameof(server));
        }
    }
}
