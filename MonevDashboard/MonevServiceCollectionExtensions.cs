using MonevDashboard.Components;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Figures.Notifications;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;

using MonevDashboard.Features.Reports;
using MonevDashboard.Features.Settings;
using MonevDashboard.Features.Targets;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;
using MudBlazor.Services;

namespace MonevDashboard;

/// <summary>Everything the web app registers, one call per feature, so Program.cs stays a table of contents.</summary>
public static class MonevServiceCollectionExtensions
{
    public static WebApplicationBuilder AddMonevServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://localhost:5080");
        // Hosted services start in the order they are registered: the database is migrated before data protection's
        // own hosted service (added by Razor components, antiforgery, Identity) loads or creates the key ring in it.
        builder.Services.AddHostedService<DatabaseInitializerHostedService>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddMonevOperations();
        builder.Services.AddMonevLocalization();
        builder.Services.AddMonevData(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddMonevDomain();
        builder.Services.AddMonevWebAuth();
        builder.AddMonevWebEdges();
        return builder;
    }

    /// <summary>The services the web app, the command line and the tests share.</summary>
    public static IServiceCollection AddMonevDomain(this IServiceCollection services)
    {
        services.AddMonevIdentity();
        services.AddScoped<AccessGuard>();
        services.AddScoped<ObservationRules>();
        services.AddMonevExports();
        services.AddFigures();
        services.AddPeriodsFeature();
        services.AddDataEntryFeature();
        services.AddQuarterlyReviewFeature();
        services.AddReportsFeature();
        services.AddIndicatorsFeature();
        services.AddExcelImportFeature();
        services.AddTargetsFeature();
        services.AddSettingsFeature();
        services.AddAuditLogFeature();
        services.AddNotifications();
        return services;
    }

    public static WebApplication UseMonevPipeline(this WebApplication app)
    {
        app.UseMonevForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseMonevTransportSecurity();
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseRequestLocalization();
        app.UseMonevSignInProtection();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseMiddleware<UserLogScopeMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapCultureSwitch();
        app.MapMonevAuthEndpoints();
        app.MapMonevHealth();
        // Our CSP already forbids framing ('none'); Blazor's own 'self' header would be a second, weaker policy.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
