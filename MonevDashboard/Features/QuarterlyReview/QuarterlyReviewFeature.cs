namespace MonevDashboard.Features.QuarterlyReview;

public static class QuarterlyReviewFeature
{
    public static IServiceCollection AddQuarterlyReviewFeature(this IServiceCollection services)
    {
        services.AddScoped<ReviewService>();
        return services;
    }
}
