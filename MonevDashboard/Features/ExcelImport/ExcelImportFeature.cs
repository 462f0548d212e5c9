using MonevDashboard.Features.Targets;

namespace MonevDashboard.Features.ExcelImport;

public static class ExcelImportFeature
{
    /// <summary>The Excel import: reader, rules, preview/commit pipeline, history and rollback.</summary>
    public static IServiceCollection AddExcelImportFeature(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddScoped<TargetRules>();
        services.AddScoped<ObservationWorkbookReader>();
        services.AddScoped<ImportValidator>();
        services.AddScoped<ImportService>();
        services.AddScoped<ImportHistoryService>();
        return services;
    }
}
