using Microsoft.EntityFrameworkCore;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Data;

public static class DataServiceCollectionExtensions
{

    /// <summary>
    /// EF Core on SQLite through a factory: Blazor Server components get a short-lived context per operation,
    /// never one per circuit. The factory is scoped so the audit interceptor knows the circuit's user.
    /// </summary>
    public static IServiceCollection AddMonevData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var location = DatabaseLocation.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditSaveChangesInterceptor>();
        if (location.IsPostgres)
        {
            // PostgreSQL's migrations belong to their own context type; everything above the data layer still asks for
            // MonevDbContext and gets the PostgreSQL one.
            services.AddDbContextFactory<PostgresMonevDbContext>((sp, options) =>
            {
                location.Configure(options);
                options.AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>());
            }, ServiceLifetime.Scoped);
            services.AddScoped<IDbContextFactory<MonevDbContext>>(sp =>
                new UpcastContextFactory<PostgresMonevDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresMonevDbContext>>()));
            services.AddScoped<MonevDbContext>(sp => sp.GetRequiredService<PostgresMonevDbContext>());
        }
        else
        {
            services.AddDbContextFactory<MonevDbContext>((sp, options) =>
            {
                location.Configure(options);
                options.AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>());
            }, ServiceLifetime.Scoped);
        }
        services.AddScoped<ICurrentUser, SystemUser>();
        services.AddScoped<Domain.Contracts.IAuditReferences, AuditReferences>();
        services.AddSingleton(location);
        services.AddSingleton<LongWrites>();
        services.AddScoped<DatabaseInitializer>();
        // The write rules every writer shares inside its own transaction.
        services.AddScoped<QuarterLock>();
        services.AddScoped<EditConflicts>();
        return services;
    }

    /// <summary>
    /// Relative database paths are taken from the solution folder when run from source (so `dotnet run --project
    /// MonevDashboard` writes ./data/monev.db as documented, whatever the working directory), else from the
    /// content root of a published app.
    /// </summary>
    public static string FindSolutionRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MonevDashboard.sln")))
            {
                return dir.FullName;
            }
        }
        return start;
    }
}

/// <summary>Hands out a provider's own context type where the app asks for <see cref="MonevDbContext"/>.</summary>
internal sealed class UpcastContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MonevDbContext>
    where TContext : MonevDbContext
{
    public MonevDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<MonevDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
