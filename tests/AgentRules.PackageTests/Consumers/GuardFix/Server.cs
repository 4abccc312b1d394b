using Microsoft.Extensions.DependencyInjection;

namespace GuardFix;

public static class Server
{
    public static IServiceCollection AddAdminServer(this IServiceCollection services)
    {
        services.AddMcpServer()
            .WithTools<AdminTools>();
        return services;
    }
}
