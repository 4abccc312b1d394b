using System.Collections.Generic;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>
/// The body of the generated <c>AgentRulesArguments</c> class: reading JSON elements and CLR values into parameter
/// types without reflection. Emitted once per tool-declaring type, as a private nested class, so assemblies never
/// share (or clash over) it. Written for C# 8 and nullable analysis at the highest warning level.
/// </summary>
internal static class ArgumentHelpers
{
    private const string Template = """
        internal delegate bool TryBind<T>(object? value, out T result);

        private const global::System.Globalization.NumberStyles Integer = global::System.Globalization.NumberStyles.Integer;
        private const global::System.Globalization.NumberStyles Float = global::System.Globalization.NumberStyles.Float | global::System.Globalization.NumberStyles.AllowThousands;
        private static readonly global::System.Globalization.CultureInfo Invariant = global::System.Globalization.CultureInfo.InvariantCulture;

        public static global::System.Text.Json.JsonElement ParseSchema(SCHEMA_PARAMETER)
        {
            using (var document = global::System.Text.Json.JsonDocument.Parse(SCHEMA_ARGUMENT))
            {
                return document.RootElement.Clone();
            }
        }

        public static global::System.Threading.Tasks.ValueTask<object?> Result(object? value) => new global::System.Threading.Tasks.ValueTask<object?>(value);

        public static string Missing(string tool, string parameter, string expected) =>
            "Invalid arguments for tool '" + tool + "': the required argument '" + parameter + "' (" + expected + ") is missing.";

        public static string Invalid(string tool, string parameter, string expected, object? value) =>
            "Invalid arguments for tool '" + tool + "': argument '" + parameter + "' must be " + expected + ", but got " + Describe(value) + ".";

        public static bool IsNull(object? value) =>
            value is null || (value is global::System.Text.Json.JsonElement element && (element.ValueKind == global::System.Text.Json.JsonValueKind.Null || element.ValueKind == global::System.Text.Json.JsonValueKind.Undefined));

        public static bool TryFind(object container, string name, out object? value)
        {
            // The common case first, without interface dispatch: a chat client's arguments, by exact name.
            if (container is global::Microsoft.Extensions.AI.AIFunctionArguments arguments && arguments.TryGetValue(name, out value))
            {
                return true;
            }

            if (container is global::System.Collections.Generic.IDictionary<string, object?> dictionary)
            {
                if (dictionary.TryGetValue(name, out value))
                {
                    return true;
                }

                foreach (var pair in dictionary)
                {
                    if (string.Equals(pair.Key, name, global::System.StringComparison.OrdinalIgnoreCase))
                    {
                        value = pair.Value;
                        return true;
                    }
                }
            }
            else if (container is global::System.Collections.Generic.IReadOnlyDictionary<string, object?> readOnly)
            {
                if (readOnly.TryGetValue(name, out value))
                {
                    return true;
                }

                foreach (var pair in readOnly)
                {
                    if (string.Equals(pair.Key, name, global::System.StringComparison.OrdinalIgnoreCase))
                    {
                        value = pair.Value;
                        return true;
                    }
                }
            }
            else if (container is global::System.Text.Json.JsonElement element && element.ValueKind == global::System.Text.Json.JsonValueKind.Object)
            {
                if (element.TryGetProperty(name, out var exact))
                {
                    value = exact;
                    return true;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (string.Equals(property.Name, name, global::System.StringComparison.OrdinalIgnoreCase))
                    {
                        value = property.Value;
                        return true;
                    }
                }
            }

            value = null;
            return false;
        }

        public static bool TryObject(object? value, out object members)
        {
            members = null!;
            if (value is global::System.Text.Json.JsonElement element)
            {
                if (element.ValueKind == global::System.Text.Json.JsonValueKind.String && TryParseJson(element.GetString(), '{', out var parsed))
                {
                    element = parsed;
                }

                if (element.ValueKind != global::System.Text.Json.JsonValueKind.Object)
                {
                    return false;
                }

                members = element;
                return true;
            }

            if (value is string text && TryParseJson(text, '{', out var fromText))
            {
                members = fromText;
                return true;
            }

            if (value is global::System.Collections.Generic.IDictionary<string, object?> || value is global::System.Collections.Generic.IReadOnlyDictionary<string, object?>)
            {
                members = value;
                return true;
            }

            return false;
        }

        public static bool TryList<T>(object? value, TryBind<T> bind, out global::System.Collections.Generic.List<T> result)
        {
            result = null!;
            if (value is string text)
            {
                if (!TryParseJson(text, '[', out var parsed))
                {
                    return false;
                }

                value = parsed;
            }

            if (value is global::System.Text.Json.JsonElement element)
            {
                if (element.ValueKind == global::System.Text.Json.JsonValueKind.String && TryParseJson(element.GetString(), '[', out var parsed))
                {
                    element = parsed;
                }

                if (element.ValueKind != global::System.Text.Json.JsonValueKind.Array)
                {
                    return false;
                }

                var items = new global::System.Collections.Generic.List<T>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    if (!bind(item, out var bound))
                    {
                        return false;
                    }

                    items.Add(bound);
                }

                result = items;
                return true;
            }

            if (value is global::System.Collections.IEnumerable sequence)
            {
                var items = new global::System.Collections.Generic.List<T>();
                foreach (var item in sequence)
                {
                    if (!bind(item, out var bound))
                    {
                        return false;
                    }

                    items.Add(bound);
                }

                result = items;
                return true;
            }

            return false;
        }

        public static bool TryArray<T>(object? value, TryBind<T> bind, out T[] result)
        {
            if (TryList(value, bind, out var items))
            {
                result = items.ToArray();
                return true;
            }

            result = null!;
            return false;
        }

        public static bool TryString(object? value, out string result)
        {
            switch (value)
            {
                case string text:
                    result = text;
                    return true;
                case global::System.Text.Json.JsonElement element:
                    switch (element.ValueKind)
                    {
                        case global::System.Text.Json.JsonValueKind.String:
                            result = element.GetString() ?? string.Empty;
                            return true;
                        case global::System.Text.Json.JsonValueKind.Number:
                        case global::System.Text.Json.JsonValueKind.True:
                        case global::System.Text.Json.JsonValueKind.False:
                            result = element.GetRawText();
                            return true;
                    }

                    break;
                case bool flag:
                    result = flag ? "true" : "false";
                    return true;
                case char character:
                    result = character.ToString();
                    return true;
                case global::System.Guid guid:
                    result = guid.ToString();
                    return true;
                case global::System.IFormattable formattable when value is global::System.IConvertible:
                    result = formattable.ToString(null, Invariant);
                    return true;
            }

            result = null!;
            return false;
        }

        public static bool TryBoolean(object? value, out bool result)
        {
            switch (value)
            {
                case bool flag:
                    result = flag;
                    return true;
                case global::System.Text.Json.JsonElement element:
                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.True || element.ValueKind == global::System.Text.Json.JsonValueKind.False)
                    {
                        result = element.ValueKind == global::System.Text.Json.JsonValueKind.True;
                        return true;
                    }

                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.String)
                    {
                        return bool.TryParse(element.GetString(), out result);
                    }

                    break;
                case string text:
                    return bool.TryParse(text, out result);
            }

            result = false;
            return false;
        }

        public static bool TryInt64(object? value, out long result)
        {
            switch (value)
            {
                case global::System.Text.Json.JsonElement element:
                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.Number)
                    {
                        if (element.TryGetInt64(out result))
                        {
                            return true;
                        }

                        return element.TryGetDouble(out var real) && TryIntegral(real, out result);
                    }

                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.String)
                    {
                        return long.TryParse(element.GetString(), Integer, Invariant, out result);
                    }

                    break;
                case long l: result = l; return true;
                case int i: result = i; return true;
                case short s: result = s; return true;
                case byte b: result = b; return true;
                case sbyte sb: result = sb; return true;
                case ushort us: result = us; return true;
                case uint ui: result = ui; return true;
                case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
                case double d: return TryIntegral(d, out result);
                case float f: return TryIntegral(f, out result);
                case decimal m when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue: result = (long)m; return true;
                case string text: return long.TryParse(text, Integer, Invariant, out result);
            }

            result = 0;
            return false;
        }

        private static bool TryIntegral(double value, out long result)
        {
            if (value == global::System.Math.Floor(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18)
            {
                result = (long)value;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryInt32(object? value, out int result)
        {
            if (TryInt64(value, out var wide) && wide >= int.MinValue && wide <= int.MaxValue)
            {
                result = (int)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryInt16(object? value, out short result)
        {
            if (TryInt64(value, out var wide) && wide >= short.MinValue && wide <= short.MaxValue)
            {
                result = (short)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TrySByte(object? value, out sbyte result)
        {
            if (TryInt64(value, out var wide) && wide >= sbyte.MinValue && wide <= sbyte.MaxValue)
            {
                result = (sbyte)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryByte(object? value, out byte result)
        {
            if (TryInt64(value, out var wide) && wide >= byte.MinValue && wide <= byte.MaxValue)
            {
                result = (byte)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryUInt16(object? value, out ushort result)
        {
            if (TryInt64(value, out var wide) && wide >= ushort.MinValue && wide <= ushort.MaxValue)
            {
                result = (ushort)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryUInt32(object? value, out uint result)
        {
            if (TryInt64(value, out var wide) && wide >= uint.MinValue && wide <= uint.MaxValue)
            {
                result = (uint)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryUInt64(object? value, out ulong result)
        {
            switch (value)
            {
                case ulong ul:
                    result = ul;
                    return true;
                case global::System.Text.Json.JsonElement element when element.ValueKind == global::System.Text.Json.JsonValueKind.Number:
                    return element.TryGetUInt64(out result);
                case global::System.Text.Json.JsonElement element when element.ValueKind == global::System.Text.Json.JsonValueKind.String:
                    return ulong.TryParse(element.GetString(), Integer, Invariant, out result);
                case string text:
                    return ulong.TryParse(text, Integer, Invariant, out result);
            }

            if (TryInt64(value, out var wide) && wide >= 0)
            {
                result = (ulong)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryDouble(object? value, out double result)
        {
            switch (value)
            {
                case global::System.Text.Json.JsonElement element:
                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.Number)
                    {
                        return element.TryGetDouble(out result);
                    }

                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.String)
                    {
                        return double.TryParse(element.GetString(), Float, Invariant, out result);
                    }

                    break;
                case double d: result = d; return true;
                case float f: result = f; return true;
                case decimal m: result = (double)m; return true;
                case string text: return double.TryParse(text, Float, Invariant, out result);
            }

            if (TryInt64(value, out var whole))
            {
                result = whole;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TrySingle(object? value, out float result)
        {
            if (TryDouble(value, out var wide) && wide >= float.MinValue && wide <= float.MaxValue)
            {
                result = (float)wide;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryDecimal(object? value, out decimal result)
        {
            switch (value)
            {
                case global::System.Text.Json.JsonElement element:
                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.Number)
                    {
                        return element.TryGetDecimal(out result);
                    }

                    if (element.ValueKind == global::System.Text.Json.JsonValueKind.String)
                    {
                        return decimal.TryParse(element.GetString(), Float, Invariant, out result);
                    }

                    break;
                case decimal m: result = m; return true;
                case double d when d >= -7.9E28 && d <= 7.9E28: result = (decimal)d; return true;
                case float f when f >= -7.9E28F && f <= 7.9E28F: result = (decimal)f; return true;
                case string text: return decimal.TryParse(text, Float, Invariant, out result);
            }

            if (TryInt64(value, out var whole))
            {
                result = whole;
                return true;
            }

            result = 0;
            return false;
        }

        public static bool TryGuid(object? value, out global::System.Guid result)
        {
            switch (value)
            {
                case global::System.Guid guid:
                    result = guid;
                    return true;
                case global::System.Text.Json.JsonElement element when element.ValueKind == global::System.Text.Json.JsonValueKind.String:
                    return element.TryGetGuid(out result) || global::System.Guid.TryParse(element.GetString(), out result);
                case string text:
                    return global::System.Guid.TryParse(text, out result);
            }

            result = default;
            return false;
        }

        public static bool TryDateTime(object? value, out global::System.DateTime result)
        {
            switch (value)
            {
                case global::System.DateTime dateTime:
                    result = dateTime;
                    return true;
                case global::System.DateTimeOffset offset:
                    result = offset.UtcDateTime;
                    return true;
                case global::System.Text.Json.JsonElement element when element.ValueKind == global::System.Text.Json.JsonValueKind.String:
                    return element.TryGetDateTime(out result) || global::System.DateTime.TryParse(element.GetString(), Invariant, global::System.Globalization.DateTimeStyles.RoundtripKind, out result);
                case string text:
                    return global::System.DateTime.TryParse(text, Invariant, global::System.Globalization.DateTimeStyles.RoundtripKind, out result);
            }

            result = default;
            return false;
        }

        public static bool TryDateTimeOffset(object? value, out global::System.DateTimeOffset result)
        {
            switch (value)
            {
                case global::System.DateTimeOffset offset:
                    result = offset;
                    return true;
                case global::System.DateTime dateTime:
                    result = new global::System.DateTimeOffset(dateTime);
                    return true;
                case global::System.Text.Json.JsonElement element when element.ValueKind == global::System.Text.Json.JsonValueKind.String:
                    return element.TryGetDateTimeOffset(out result) || global::System.DateTimeOffset.TryParse(element.GetString(), Invariant, global::System.Globalization.DateTimeStyles.None, out result);
                case string text:
                    return global::System.DateTimeOffset.TryParse(text, Invariant, global::System.Globalization.DateTimeStyles.None, out result);
            }

            result = default;
            return false;
        }

        public static bool TryEnum<T>(object? value, out T result)
            where T : struct, global::System.Enum
        {
            if (value is T typed)
            {
                result = typed;
                return global::System.Enum.IsDefined(typeof(T), typed);
            }

            string? name = null;
            if (value is string text)
            {
                name = text;
            }
            else if (value is global::System.Text.Json.JsonElement element && element.ValueKind == global::System.Text.Json.JsonValueKind.String)
            {
                name = element.GetString();
            }

            if (name != null)
            {
                // Names only: the schema lists names, and Enum.TryParse would also accept numbers and lists.
                foreach (var candidate in global::System.Enum.GetNames(typeof(T)))
                {
                    if (string.Equals(candidate, name.Trim(), global::System.StringComparison.OrdinalIgnoreCase))
                    {
                        return global::System.Enum.TryParse(candidate, false, out result);
                    }
                }

                result = default;
                return false;
            }

            if (TryInt64(value, out var number))
            {
                var boxed = global::System.Enum.ToObject(typeof(T), number);
                if (global::System.Enum.IsDefined(typeof(T), boxed))
                {
                    result = (T)boxed;
                    return true;
                }
            }

            result = default;
            return false;
        }

        private static bool TryParseJson(string? text, char opening, out global::System.Text.Json.JsonElement element)
        {
            element = default;
            if (text is null)
            {
                return false;
            }

            var trimmed = text.Trim();
            if (trimmed.Length < 2 || trimmed[0] != opening)
            {
                return false;
            }

            try
            {
                using (var document = global::System.Text.Json.JsonDocument.Parse(trimmed))
                {
                    element = document.RootElement.Clone();
                    return true;
                }
            }
            catch (global::System.Text.Json.JsonException)
            {
                return false;
            }
        }

        private static string Describe(object? value)
        {
            string text;
            if (value is null)
            {
                text = "nothing";
            }
            else if (value is global::System.Text.Json.JsonElement element)
            {
                text = element.ValueKind == global::System.Text.Json.JsonValueKind.Undefined ? "nothing" : element.GetRawText();
            }
            else if (value is string s)
            {
                text = "\"" + s + "\"";
            }
            else
            {
                text = global::System.Convert.ToString(value, Invariant) ?? value.GetType().Name;
            }

            return text.Length > 80 ? text.Substring(0, 77) + "..." : text;
        }
        """;

    public static IEnumerable<string> Lines(bool utf8Schema)
    {
        var text = Template
            .Replace("SCHEMA_PARAMETER", utf8Schema ? "global::System.ReadOnlySpan<byte> utf8" : "string json")
            .Replace("SCHEMA_ARGUMENT", utf8Schema ? "utf8.ToArray()" : "json");
        return text.Replace("\r\n", "\n").Split('\n');
    }
}
