namespace MonevDashboard.Features.AuditLog;

public static class AuditLogFeature
{
    public static IServiceCollection AddAuditLogFeature(this IServiceCollection services)
    {
        services.AddScoped<AuditQueryService>();
        services.AddSingleton<Domain.Contracts.IIndicatorHistoryView, IndicatorHistoryView>();
        return services;
    }
}
