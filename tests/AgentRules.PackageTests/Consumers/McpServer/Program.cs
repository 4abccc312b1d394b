using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The process spec the build computed is compiled in: an app can log which spec it runs.
if (args.Contains("--spec-sha256"))
{
    Console.WriteLine(McpServer.AgentProcessSpec.Sha256);
    return;
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddMcpServer()
    .WithStdioServerTransport()
    .WithToolsFromAssembly();

await builder.Build().RunAsync();
