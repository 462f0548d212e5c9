using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.Observations;

public static class ObservationsFeature
{
    /// <summary>The write rules every path shares: permissions, quarter locks, content rules.</summary>
    public static IServiceCollection AddObservationsFeature(this IServiceCollection services)
    {
        services.AddScoped<AccessGuard>();
        services.AddScoped<QuarterLock>();
        services.AddScoped<ObservationRules>();
        services.AddScoped<PeriodService>();
        services.AddScoped<QuarterlyReview.ReviewSnapshotService>();
        services.AddScoped<IQuarterLockParticipant>(sp => sp.GetRequiredService<QuarterlyReview.ReviewSnapshotService>());
        services.AddScoped<QuarterlyReview.ReviewService>();
        services.AddScoped<DataEntry.DataEntryService>();
        services.AddScoped<DataEntry.ReportingProgressService>();
        return services;
    }
}
