namespace MonevDashboard.Features.DataEntry;

public static class DataEntryFeature
{
    public static IServiceCollection AddDataEntryFeature(this IServiceCollection services)
    {
        services.AddScoped<DataEntryService>();
        return services;
    }
}
