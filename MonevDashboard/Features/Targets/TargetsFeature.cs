namespace MonevDashboard.Features.Targets;

public static class TargetsFeature
{
    public static IServiceCollection AddTargetsFeature(this IServiceCollection services)
    {
        services.AddScoped<TargetAdminService>();
        return services;
    }
}
