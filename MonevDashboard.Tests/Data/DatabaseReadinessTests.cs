using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using MonevDashboard.Data;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Data;

/// <summary>The readiness check on the suite's provider: ready on a migrated database, not ready (and nothing created) on a missing one.</summary>
public sealed class DatabaseReadinessTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<HealthCheckResult> CheckAsync(DatabaseLocation location)
    {
        await using var scope = _db.Scope();
        var check = new DatabaseReadinessCheck(location, scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>(),
            NullLogger<DatabaseReadinessCheck>.Instance);
        return await check.CheckHealthAsync(new HealthCheckContext());
    }

    [Fact]
    public async Task AMigratedDatabaseIsReady()
    {
        var result = await CheckAsync(_db.Location);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task AMissingDatabaseIsUnreachableAndIsNotCreated()
    {
        var missing = _db.IsPostgres
            ? _db.Location.WithConnectionString(new Npgsql.NpgsqlConnectionStringBuilder(_db.ConnectionString) { Database = $"monev_missing_{Guid.NewGuid():N}" }.ToString())
            : _db.Location.WithConnectionString($"Data Source={Path.Combine(Path.GetTempPath(), $"monev-missing-{Guid.NewGuid():N}.db")}");

        var result = await CheckAsync(missing);

        Assert.Equal((HealthStatus.Unhealthy, "database unreachable"), (result.Status, result.Description));
        if (!_db.IsPostgres)
        {
            Assert.False(File.Exists(DatabaseFileLocks.DatabaseFile(missing)));
        }
    }

    [Fact]
    public async Task ADatabaseMissingAMigrationIsNotReady()
    {
        await using (var connection = await _db.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var result = await CheckAsync(_db.Location);

        Assert.Equal((HealthStatus.Unhealthy, "migrations pending"), (result.Status, result.Description));
    }
}
