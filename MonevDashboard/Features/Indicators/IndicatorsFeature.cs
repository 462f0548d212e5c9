
namespace MonevDashboard.Features.Indicators;

public static class IndicatorsFeature
{
    /// <summary>The indicator page's read services (its figures come from the dashboard's FigureQueryService).</summary>
    public static IServiceCollection AddIndicatorsFeature(this IServiceCollection services)
    {
        services.AddScoped<IndicatorProfileService>();
        services.AddScoped<NarrativeQueryService>();
        services.AddScoped<IndicatorEditRules>();
        services.AddScoped<IndicatorAdminService>();
        services.AddScoped<IndicatorRuleAdminService>();
        return services;
    }
}
