namespace AotTools;

// A negative control: reflection-based serialization, which the trim and AOT analyzers must report (IL2026, IL3050).
// If these warnings are missing, the analyzers did not run and the test proves nothing.
public static class Control
{
    public static string Serialize(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
