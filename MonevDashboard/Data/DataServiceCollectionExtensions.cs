using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Monev";

    /// <summary>
    /// EF Core on SQLite through a factory: Blazor Server components get a short-lived context per operation,
    /// never one per circuit. The factory is scoped so the audit interceptor knows the circuit's user.
    /// </summary>
    public static IServiceCollection AddMonevData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName), contentRoot);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditSaveChangesInterceptor>();
        services.AddDbContextFactory<MonevDbContext>((sp, options) =>
        {
            options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(120));
            options.AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>());
        }, ServiceLifetime.Scoped);
        services.AddScoped<ICurrentUser, SystemUser>();
        services.AddScoped<Domain.Contracts.IAuditReferences, AuditReferences>();
        services.AddSingleton(new DatabaseLocation(connectionString));
        services.AddSingleton<LongWrites>();
        services.AddScoped<DatabaseInitializer>();
        // The write rules every writer shares inside its own transaction.
        services.AddScoped<QuarterLock>();
        services.AddScoped<EditConflicts>();
        return services;
    }

    /// <summary>Makes a relative SQLite path relative to the solution's data/ folder, and creates the folder.</summary>
    public static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/monev.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(FindSolutionRoot(contentRoot), builder.DataSource));
        }
        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.Pooling = true;
        return builder.ToString();
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

/// <summary>The resolved connection string, for the health check and the command line.</summary>
public sealed record DatabaseLocation(string ConnectionString);
