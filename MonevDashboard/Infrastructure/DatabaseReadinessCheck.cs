using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonevDashboard.Data;

namespace MonevDashboard.Infrastructure;

/// <summary>
/// Ready means: the database (a SQLite file: without being created) opens, answers a query, and holds every migration this
/// build knows. What went wrong goes to the log only; the health endpoints answer a status word.
/// </summary>
public sealed class DatabaseReadinessCheck(
    DatabaseLocation location, IDbContextFactory<MonevDbContext> contextFactory, ILogger<DatabaseReadinessCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            string[] known;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                known = [.. db.Database.GetMigrations()];
            }
            await using var connection = DatabaseDialect.Of(location).CreateConnection(location.ConnectionString, mustExist: true);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            if (known.All(applied.Contains))
            {
                return HealthCheckResult.Healthy();
            }
            MonevLog.DatabaseNotReady(logger, null);
            return HealthCheckResult.Unhealthy("migrations pending");
        }
        catch (DbException ex)
        {
            MonevLog.DatabaseNotReady(logger, ex);
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
