namespace MonevDashboard.Features.Settings;

public static class SettingsFeature
{
    public static IServiceCollection AddSettingsFeature(this IServiceCollection services)
    {
        services.AddScoped<SettingsService>();
        return services;
    }
}
