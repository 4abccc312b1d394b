namespace SupportAgent.Data;

/// <summary>Conversation transcripts filed as text files in a shared folder.</summary>
public sealed class TranscriptArchive(string folder)
{
    public static TranscriptArchive Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "transcripts"));

    public void Save(int conversationId, string transcript)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{conversationId}.txt"), transcript);
    }

    public IEnumerable<string> Search(string text) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.txt").Where(f => File.ReadAllText(f).Contains(text, StringComparison.OrdinalIgnoreCase)).Select(f => Path.GetFileNameWithoutExtension(f))
            : [];
}
