namespace MonevDashboard.Features.Indicators;

public static class IndicatorsFeature
{
    public static IServiceCollection AddIndicatorsFeature(this IServiceCollection services)
    {
        services.AddScoped<IndicatorEditRules>();
        services.AddScoped<IndicatorAdminService>();
        return services;
    }
}
