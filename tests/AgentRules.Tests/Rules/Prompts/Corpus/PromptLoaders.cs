// Prompts kept outside the code and loaded at run time, through the project's own loader and an embedded resource.
using System.Reflection;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Loaders;

public sealed class PromptLoader(string folder)
{
    public string Load(string name) => File.ReadAllText(Path.Combine(folder, name + ".md"));

    public string LoadWith(string name, IReadOnlyDictionary<string, string> values)
    {
        var template = File.ReadAllText(Path.Combine(folder, name + ".md"));
        foreach (var (key, value) in values)
        {
            template = template.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        }

        return template;
    }
}

public static class Resources
{
    public static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Loaders.Prompts." + name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed class LoadedPrompts(PromptLoader loader, Kernel kernel)
{
    public ChatMessage System() => new(ChatRole.System, [|loader.Load("system")|]);

    public ChatMessage Character(string name) =>
        new(ChatRole.System, [|loader.LoadWith("character", new Dictionary<string, string> { ["name"] = name })|]);

    public KernelFunction Story() => kernel.CreateFunctionFromPromptYaml([|Resources.Read("story.yaml")|]);
}
