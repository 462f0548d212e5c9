using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Tests.Cli;

namespace MonevDashboard.Tests.Data;

/// <summary>Two processes that start at once on a new database migrate one after the other, not half each.</summary>
public sealed class ConcurrentStartTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"monev-twice-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task TwoInitializersStartedTogetherOnANewDatabaseBothSucceedAndApplyEachMigrationOnce()
    {
        await using var first = LargeImportFixture.CreateServices(_path);
        await using var second = LargeImportFixture.CreateServices(_path);

        async Task InitializeAsync(IServiceProvider services)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        await Task.WhenAll(Task.Run(() => InitializeAsync(first)), Task.Run(() => InitializeAsync(second)));

        await using var db = new MonevDbContext(new DbContextOptionsBuilder<MonevDbContext>().UseSqlite($"Data Source={_path};Pooling=False").Options);
        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
        Assert.Equal(14, await db.Indicators.CountAsync());
        Assert.Equal(38, await db.Provinces.CountAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock", ".migrate.lock" })
        {
            File.Delete(_path + suffix);
        }
    }
}
