namespace MonevDashboard.Infrastructure;

public static class InfrastructureServices
{
    /// <summary>The .xlsx grid export and the audited download every feature's export button uses.</summary>
    public static IServiceCollection AddMonevExports(this IServiceCollection services)
    {
        services.AddScoped<GridExport>();
        services.AddScoped<DownloadService>();
        return services;
    }
}
