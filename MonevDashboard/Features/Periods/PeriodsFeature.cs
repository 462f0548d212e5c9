using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Features.Periods;

public static class PeriodsFeature
{
    public static IServiceCollection AddPeriodsFeature(this IServiceCollection services)
    {
        services.AddScoped<PeriodService>();
        services.AddScoped<IQuarterLocking>(sp => sp.GetRequiredService<PeriodService>());
        return services;
    }
}
