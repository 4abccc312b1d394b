// Stand-in for Microsoft.SemanticKernel.Yaml and Microsoft.SemanticKernel.Prompty (1.82.0 / 1.82.0-alpha), which the
// registry here does not serve. Compiled against the REAL Microsoft.SemanticKernel 1.82.0 (Kernel, KernelFunction,
// IPromptTemplateFactory, PromptTemplateConfig come from there). Only what AgentRules recognises; bodies are never run.
#nullable enable
using Microsoft.Extensions.Logging;

namespace Microsoft.SemanticKernel
{
    // Microsoft.SemanticKernel.Prompty
    public static class PromptyKernelExtensions
    {
        public static KernelFunction CreateFunctionFromPrompty(this Kernel kernel, string promptyTemplate, IPromptTemplateFactory? promptTemplateFactory = null) => throw null!;
        public static KernelFunction CreateFunctionFromPromptyFile(this Kernel kernel, string promptyFilePath, IPromptTemplateFactory? promptTemplateFactory = null) => throw null!;
    }

    // Microsoft.SemanticKernel.Yaml
    public static class KernelFunctionYaml
    {
        public static KernelFunction FromPromptYaml(string text, IPromptTemplateFactory? promptTemplateFactory = null, ILoggerFactory? loggerFactory = null) => throw null!;
        public static PromptTemplateConfig ToPromptTemplateConfig(string text) => throw null!;
    }

    // Microsoft.SemanticKernel.Yaml
    public static class PromptYamlKernelExtensions
    {
        public static KernelFunction CreateFunctionFromPromptYaml(this Kernel kernel, string text, IPromptTemplateFactory? promptTemplateFactory = null) => throw null!;
    }
}
