using MonevDashboard.Data;

namespace MonevDashboard.Figures;

public static class FiguresModule
{
    /// <summary>Every aggregate question's service: dashboard and indicator figures, review snapshots, reporting progress,
    /// and the filter bar's reference lists that all circuits share.</summary>
    public static IServiceCollection AddFigures(this IServiceCollection services)
    {
        services.AddSingleton<FigureViewCache>();
        services.AddSingleton<FigureChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<FigureChangeFeed>());
        services.AddScoped<FigureQueryService>();
        services.AddScoped<ChangeExplanationService>();
        services.AddSingleton<SharedFilterOptions>();
        services.AddScoped<ReviewSnapshotService>();
        services.AddScoped<IQuarterLockParticipant>(sp => sp.GetRequiredService<ReviewSnapshotService>());
        services.AddScoped<ReportingProgressService>();
        services.AddScoped<CrossIndicatorChecks>();
        return services;
    }
}
