namespace MonevDashboard.Figures.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<NotificationService>();
        services.AddScoped<NotificationCenter>();
        return services;
    }
}
