namespace MonevDashboard.Features.Dashboard;

public static class DashboardFeature
{
    public static IServiceCollection AddDashboardFeature(this IServiceCollection services)
    {
        services.AddScoped<FigureQueryService>();
        return services;
    }
}
