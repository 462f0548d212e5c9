namespace MonevDashboard.Features.Reports;

public static class ReportsFeature
{
    public static IServiceCollection AddReportsFeature(this IServiceCollection services)
    {
        services.AddScoped<ReportService>();
        return services;
    }
}
